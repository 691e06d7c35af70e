@testable import App
import Foundation
import LanternDomain
import PropertyBased
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Recording a breach with its assessment at once, and the register's steps
/// taken in any order: whatever the DPO sends, a refusal changes nothing and
/// the breach never reaches a state the protocol forbids.
@Suite struct BreachStepsTests {
    static func minute(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        return String(formatter.string(from: date).replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    static func problem(_ response: TestingHTTPResponse) -> Bool { response.headers.first(name: .location)?.contains("problem=") == true }

    @Test(arguments: TestStore.available)
    func aBreachIsRecordedWithItsAssessmentWholeOrRefusedWhole(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            var dpo = try await BreachTests.councilDPOOnTheRegister(app)
            let whole = ["csrf": dpo.csrf ?? "", "kind": "confidentiality", "description": "Referral emailed to the wrong school",
                         "detected": "2026-11-29 09:00", "partner": "test-police", "detectedBy": "Ann Clerk, MASH business support",
                         "categories": "contact details, health", "likelihood": "medium", "severity": "high",
                         "riskReason": "The recipient school knows the family"]
            for (field, bad) in [("detected", ""), ("detectedBy", " "), ("categories", ""), ("likelihood", ""), ("severity", "very"), ("riskReason", " ")] {
                var form = whole
                form[field] = bad
                let refused = try await dpo.send(.POST, "/breaches", form: form)
                #expect(Self.problem(refused), "\(field) missing is refused")
                #expect(try await BreachRepository(database: sql).all().isEmpty, "\(field) missing records nothing")
            }
            let named = try await dpo.send(.POST, "/breaches", form: whole.merging(["categories": ""]) { $1 })
            #expect(named.headers.first(name: .location)?.removingPercentEncoding?.contains("categories of data affected") == true,
                    "the refusal names the field")

            let saved = try await dpo.send(.POST, "/breaches", form: whole)
            #expect(saved.headers.first(name: .location)?.contains("done=BR") == true)
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            #expect(breach.assessment == BreachAssessment(detectedBy: "Ann Clerk, MASH business support", dataCategories: "contact details, health",
                                                          likelihood: "medium", severity: "high", reason: "The recipient school knows the family"))
            // With every assessment field blank the breach is recorded and assessed later, as before.
            var bare = whole
            for field in ["detectedBy", "categories", "likelihood", "severity", "riskReason"] { bare[field] = "" }
            _ = try await dpo.send(.POST, "/breaches", form: bare)
            #expect(try await BreachRepository(database: sql).all().filter { $0.assessment == nil }.count == 1)
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("Detected by Ann Clerk, MASH business support") && page.contains("No risk assessment yet"))
            let audited = try await sql.select().column("reason").from("audit_entries").where("resource", .like, "breach subjects:%")
                .orderBy("sequence").all().map { try $0.decode(column: "reason", as: String.self) }
            #expect(audited == ["recorded: confidentiality, risk: likelihood medium, severity high", "recorded: confidentiality"])
        }
    }

    /// One thing the DPO might send, well formed or not.
    struct Step: Sendable, CustomStringConvertible {
        var path: String
        var form: [String: String]
        /// Whether the form itself lacks something, so it must be refused whatever the breach's state.
        var malformed: Bool
        var description: String { "\(path) \(form)" }
    }

    static let steps: [Step] = [
        Step(path: "assessment", form: ["detectedBy": "Ann Clerk", "categories": "health", "likelihood": "low", "severity": "high", "riskReason": "Known family"], malformed: false),
        Step(path: "assessment", form: ["detectedBy": "Ann Clerk", "categories": "health", "likelihood": "low", "severity": "high"], malformed: true),
        Step(path: "recall-asked", form: ["to": "Oak School office"], malformed: false),
        Step(path: "recall-asked", form: ["to": " "], malformed: true),
        Step(path: "recall-confirmed", form: ["by": "Head teacher"], malformed: false),
        Step(path: "recall-confirmed", form: ["by": ""], malformed: true),
        Step(path: "consultation", form: ["partner": "test-police", "view": "agree", "note": "Report it"], malformed: false),
        Step(path: "consultation", form: ["partner": "test-police", "view": "disagree", "note": "Not reportable"], malformed: false),
        Step(path: "consultation", form: ["partner": "test-council", "view": "agree", "note": "Fine"], malformed: true),
        Step(path: "consultation", form: ["partner": "test-police", "view": "disagree", "note": " "], malformed: true),
        Step(path: "owner-decision", form: ["by": "Protocol owner", "decision": "Report to the ICO"], malformed: false),
        Step(path: "owner-decision", form: ["by": "", "decision": "Report to the ICO"], malformed: true),
        Step(path: "close", form: [:], malformed: false),
        Step(path: "subjects", form: ["decision": "told", "how": "Letter", "reason": "High risk"], malformed: false),
        Step(path: "subjects", form: ["decision": "told", "reason": "High risk"], malformed: true),
        Step(path: "partners-told", form: [:], malformed: false),
        Step(path: "ico", form: ["decision": "not-report", "reason": "Encrypted"], malformed: false),
        Step(path: "ico", form: ["decision": "not-report", "reason": ""], malformed: true),
    ]

    @Test(arguments: TestStore.available)
    func anyOrderOfStepsLeavesTheRegisterValidAndARefusalChangesNothing(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let (_, leaky, signedIn) = try await BreachTests.councilPractitionerReadJane(app, sql)
            var dpo = signedIn
            let repository = BreachRepository(database: sql)

            await propertyCheck(count: 40, input: Gen.int(in: 0...(Self.steps.count - 1)).array(of: 1...12)) { indices in
                _ = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality", "description": "Wrong-person access",
                                                                  "detected": Self.minute(Date()), "actor": leaky.uuidString])
                let reference = try #require(try await repository.all().map(\.reference).max())
                var breach = try #require(try await repository.all().first { $0.reference == reference })
                #expect(breach.impact.partners == ["test-police"])
                for index in indices {
                    let step = Self.steps[index]
                    let response = try await dpo.send(.POST, "/breaches/\(breach.id)/\(step.path)", form: step.form.merging(["csrf": dpo.csrf ?? ""]) { $1 })
                    let after = try #require(try await repository.find(breach.id))
                    let refused = Self.problem(response)
                    #expect(response.status == .seeOther || response.status == .found, "\(step)")
                    if refused { #expect(after == breach, "a refusal of \(step) changed the breach") }
                    // What must be refused, whatever came before.
                    if step.malformed || breach.closedAt != nil { #expect(refused, "\(step) on \(breach)") }
                    if step.path == "recall-confirmed" && breach.recall == nil { #expect(refused, "a confirmation before the request") }
                    if step.path == "recall-asked" && breach.recall?.confirmedAt != nil { #expect(refused, "asked again after confirmation") }
                    if step.path == "owner-decision" && !breach.consultation.anyDisagrees { #expect(refused, "an owner's decision with nothing to decide") }
                    if step.path == "close" && breach.consultation.anyDisagrees && breach.consultation.ownerDecision == nil {
                        #expect(refused, "closed while a disagreement lacks the owner's decision")
                    }
                    if step.path == "ico" && breach.clock.ico != nil { #expect(refused, "the ICO decision is made once") }
                    // And what may not be refused: a well-formed step on an open breach whose state allows it.
                    if !step.malformed && breach.closedAt == nil {
                        switch step.path {
                        case "assessment", "consultation", "subjects", "partners-told": #expect(!refused, "\(step)")
                        case "recall-asked": #expect(refused == (breach.recall?.confirmedAt != nil))
                        case "ico": #expect(refused == (breach.clock.ico != nil))
                        default: break
                        }
                    }
                    Self.expectValid(after)
                    breach = after
                }
            }
        }
    }

    /// What the protocol allows a stored breach to be.
    static func expectValid(_ breach: StoredBreach) {
        if let recall = breach.recall {
            #expect(!recall.askedOf.isEmpty && recall.askedAt >= breach.clock.detectedAt)
            if let confirmed = recall.confirmedAt { #expect(confirmed >= recall.askedAt && !(recall.confirmedBy ?? "").isEmpty) }
            else { #expect(recall.confirmedBy == nil) }
        }
        #expect(breach.consultation.views.allSatisfy { breach.impact.partners.contains($0.partner) && !$0.note.isEmpty })
        #expect(Set(breach.consultation.views.map(\.partner)).count == breach.consultation.views.count, "one view per partner")
        if breach.closedAt != nil {
            #expect(!breach.consultation.anyDisagrees || breach.consultation.ownerDecision != nil, "closed with an undecided disagreement")
        }
        if let assessment = breach.assessment {
            #expect(!assessment.detectedBy.isEmpty && !assessment.dataCategories.isEmpty && !assessment.reason.isEmpty)
            #expect(BreachAssessment.levels.contains(assessment.likelihood) && BreachAssessment.levels.contains(assessment.severity))
        }
        switch breach.clock.ico {
        case .reported(let reference, _): #expect(!reference.isEmpty)
        case .notReported(let reason, _): #expect(!reason.isEmpty)
        case nil: break
        }
        if let decision = breach.subjectsDecision {
            #expect(!decision.reason.isEmpty && (!decision.told || !(decision.how ?? "").isEmpty))
        }
    }
}
