@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The breach register: reach computed from the audit ledger, the two
/// clocks, and decisions refused without their reasons.
@Suite struct BreachTests {
    @Test(arguments: TestStore.available)
    func aBreachsReachComesFromTheLedgerAndItsDecisionsNeedReasons(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let people = PeopleRepository(database: sql)
            let jane = try #require(try await people.search(name: "doe jane").first).personID
            let sam = try #require(try await people.search(name: "doe sam").first).personID
            try await addUser(app, "leaky", partner: "test-council")
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let leaky = try #require(try await UserRepository(database: sql).find(username: "leaky"))
            try await CaseRelationshipRepository(database: sql).add(user: leaky.id, people: [jane, sam], kind: "allocated-worker", at: Date())
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("leaky", "correct horse battery")
            for person in [jane, sam, jane] { _ = try await practitioner.send(.GET, "/people/\(person)") }

            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            _ = try await dpo.send(.GET, "/breaches")
            let detected = Date()
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
            let when = formatter.string(from: detected).replacingOccurrences(of: "T", with: " ").prefix(16)
            let noTime = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality",
                                                                       "description": "Laptop left on a train", "actor": leaky.id.uuidString])
            #expect(noTime.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await BreachRepository(database: sql).all().isEmpty, "a breach without a detection time is refused")

            let recorded = try await dpo.send(.POST, "/breaches", form: [
                "csrf": dpo.csrf ?? "", "kind": "confidentiality", "description": "Practitioner's laptop left on a train",
                "detected": String(when), "actor": leaky.id.uuidString, "windowHours": "24", "containment": "Account suspended"])
            #expect(recorded.headers.first(name: .location)?.contains("done=BR") == true)
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            #expect(breach.impact.subjects == 2 && breach.impact.partners == ["test-police"], "Jane and Sam, held by the police")
            #expect(breach.impact.disclosures >= 3)
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("2 people") && page.contains("hour(s) left"))

            let unreasoned = try await dpo.send(.POST, "/breaches/\(breach.id)/ico", form: ["csrf": dpo.csrf ?? "", "decision": "not-report"])
            #expect(unreasoned.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await BreachRepository(database: sql).find(breach.id)?.clock.ico == nil)
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/ico", form: [
                "csrf": dpo.csrf ?? "", "decision": "not-report", "reason": "Encrypted disk, recovered within the hour"])
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/partners-told", form: ["csrf": dpo.csrf ?? ""])
            let decided = try #require(try await BreachRepository(database: sql).find(breach.id))
            #expect(decided.clock.partnersToldAt != nil)
            #expect(decided.clock.ico == .notReported(reason: "Encrypted disk, recovered within the hour", at: try #require({
                if case .notReported(_, let at) = decided.clock.ico { return at } else { return nil } }())))
            let steps = try await sql.select().column("decision").from("audit_entries").where("subject", .like, "breach:%").orderBy("sequence").all()
                .map { try $0.decode(column: "decision", as: String.self) }
            #expect(steps == ["permit", "deny", "permit", "permit"])
        }
    }

    @Test(arguments: TestStore.available)
    func theRiskAssessmentIsRecordedWholeOrNotAtAll(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            var dpo = try await BreachTests.councilDPOOnTheRegister(app)
            _ = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality",
                                                              "description": "Referral emailed to the wrong school", "detected": "2026-11-29 09:00", "partner": "test-police"])
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            #expect(breach.assessment == nil)
            let whole = ["csrf": dpo.csrf ?? "", "detectedBy": "Ann Clerk, MASH business support", "categories": "contact details, health",
                         "likelihood": "medium", "severity": "high", "riskReason": "The recipient school knows the family"]
            for (field, bad) in [("detectedBy", " "), ("categories", ""), ("likelihood", "very"), ("severity", ""), ("riskReason", "  ")] {
                var form = whole
                form[field] = bad
                let refused = try await dpo.send(.POST, "/breaches/\(breach.id)/assessment", form: form)
                #expect(refused.headers.first(name: .location)?.contains("problem=") == true, "\(field) missing is refused")
                #expect(try await BreachRepository(database: sql).find(breach.id)?.assessment == nil, "\(field) missing saves nothing")
            }
            let saved = try await dpo.send(.POST, "/breaches/\(breach.id)/assessment", form: whole)
            #expect(saved.headers.first(name: .location)?.contains("done=BR") == true)
            let assessment = try #require(try await BreachRepository(database: sql).find(breach.id)?.assessment)
            #expect(assessment == BreachAssessment(detectedBy: "Ann Clerk, MASH business support", dataCategories: "contact details, health",
                                                   likelihood: "medium", severity: "high", reason: "The recipient school knows the family"))
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("Detected by Ann Clerk, MASH business support") && page.contains("likelihood medium, severity high"))
            let audited = try await sql.select().column("reason").from("audit_entries").where("resource", .equal, "breach assessment").all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(audited == ["risk: likelihood medium, severity high"])
        }
    }

    @Test(arguments: TestStore.available)
    func aRecallIsAskedBeforeItIsConfirmed(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            var dpo = try await BreachTests.councilDPOOnTheRegister(app)
            _ = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality",
                                                              "description": "Strategy minutes sent to the wrong school", "detected": "2026-11-29 09:00", "partner": "test-police"])
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            let csrf = dpo.csrf ?? ""
            func problem(_ response: TestingHTTPResponse) -> Bool { response.headers.first(name: .location)?.contains("problem=") == true }

            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-confirmed", form: ["csrf": csrf, "by": "Head teacher"])),
                    "a confirmation before any request is refused")
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-asked", form: ["csrf": csrf, "to": " "])))
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-asked",
                                               form: ["csrf": csrf, "to": "Oak School office", "at": "2026-11-28 09:00"])), "before detection")
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-asked", form: ["csrf": csrf, "to": "Oak School office", "at": "soon"])))
            #expect(try await BreachRepository(database: sql).find(breach.id)?.recall == nil, "refusals change nothing")

            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/recall-asked", form: ["csrf": csrf, "to": "Oak School office", "at": "2026-11-29 10:00"])
            #expect(try await BreachRepository(database: sql).find(breach.id)?.recall == BreachRecall(askedOf: "Oak School office", askedAt: 1_795_946_400))
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-confirmed",
                                               form: ["csrf": csrf, "by": "Head teacher", "at": "2026-11-29 09:30"])), "confirmed before asked")
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-confirmed", form: ["csrf": csrf, "by": ""])))
            #expect(try await BreachRepository(database: sql).find(breach.id)?.recall?.confirmedAt == nil)
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/recall-confirmed", form: ["csrf": csrf, "by": "Head teacher", "at": "2026-11-29 11:15"])
            let recall = try #require(try await BreachRepository(database: sql).find(breach.id)?.recall)
            #expect(recall == BreachRecall(askedOf: "Oak School office", askedAt: 1_795_946_400, confirmedAt: 1_795_950_900, confirmedBy: "Head teacher"))
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/recall-asked", form: ["csrf": csrf, "to": "Someone else"])),
                    "a confirmed recall is not asked again")
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("Recall asked of Oak School office") && page.contains("by Head teacher"))
            let steps = try await sql.select().column("decision").column("resource").from("audit_entries")
                .where("resource", .like, "breach recall-%").orderBy("sequence").all()
                .map { "\(try $0.decode(column: "resource", as: String.self)) \(try $0.decode(column: "decision", as: String.self))" }
            #expect(steps == ["breach recall-confirmed deny", "breach recall-asked deny", "breach recall-asked deny", "breach recall-asked permit",
                              "breach recall-confirmed deny", "breach recall-confirmed deny", "breach recall-confirmed permit", "breach recall-asked deny"])
        }
    }

    @Test(arguments: TestStore.available)
    func aDisagreementHoldsTheBreachOpenUntilTheProtocolOwnerDecides(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let (_, leaky, signedIn) = try await BreachTests.councilPractitionerReadJane(app, sql)
            var dpo = signedIn
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
            let when = formatter.string(from: Date()).replacingOccurrences(of: "T", with: " ").prefix(16)
            _ = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality", "description": "Wrong-person access",
                                                              "detected": String(when), "actor": leaky.uuidString])
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            #expect(breach.impact.partners == ["test-police"])
            let csrf = dpo.csrf ?? ""
            func problem(_ response: TestingHTTPResponse) -> Bool { response.headers.first(name: .location)?.contains("problem=") == true }
            func stored() async throws -> StoredBreach { try #require(try await BreachRepository(database: sql).find(breach.id)) }

            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/consultation",
                                               form: ["csrf": csrf, "partner": "test-council", "view": "agree", "note": "Fine"])), "not an affected partner")
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/consultation",
                                               form: ["csrf": csrf, "partner": "test-police", "view": "disagree", "note": " "])), "a view needs its note")
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/owner-decision",
                                               form: ["csrf": csrf, "by": "Chief Exec", "decision": "Report"])), "nothing to decide without a disagreement")
            #expect(try await stored().consultation == BreachConsultation())
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/consultation",
                                   form: ["csrf": csrf, "partner": "test-police", "view": "disagree", "note": "Should go to the ICO"])
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/close", form: ["csrf": csrf])), "held open by the disagreement")
            #expect(try await stored().closedAt == nil)
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/owner-decision", form: ["csrf": csrf, "by": "", "decision": "Report"])))
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/owner-decision",
                                   form: ["csrf": csrf, "by": "Partnership protocol owner", "decision": "Report to the ICO"])
            #expect(try await stored().consultation.ownerDecision?.decision == "Report to the ICO")
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("test-police disagrees: Should go to the ICO") && page.contains("Protocol owner (Partnership protocol owner) decided"))
            _ = try await dpo.send(.POST, "/breaches/\(breach.id)/close", form: ["csrf": csrf])
            #expect(try await stored().closedAt != nil)
            #expect(problem(try await dpo.send(.POST, "/breaches/\(breach.id)/close", form: ["csrf": csrf])), "closed once")
            let steps = try await sql.select().column("decision").from("audit_entries")
                .where("resource", .in, ["breach consultation", "breach owner-decision", "breach close"]).orderBy("sequence").all()
                .map { try $0.decode(column: "decision", as: String.self) }
            #expect(steps == ["deny", "deny", "deny", "permit", "deny", "deny", "permit", "permit", "deny"])
        }
    }

    @Test(arguments: TestStore.available)
    func theDecisionOnTellingThePeopleNeedsItsReasonEitherWay(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            var dpo = try await BreachTests.councilDPOOnTheRegister(app)
            _ = try await dpo.send(.POST, "/breaches", form: ["csrf": dpo.csrf ?? "", "kind": "confidentiality",
                                                              "description": "Encrypted stick lost", "detected": "2026-11-29 09:00", "partner": "test-police"])
            let breach = try #require(try await BreachRepository(database: sql).all().first)
            let csrf = dpo.csrf ?? ""
            let path = "/breaches/\(breach.id)/subjects"
            func problem(_ response: TestingHTTPResponse) -> Bool { response.headers.first(name: .location)?.contains("problem=") == true }
            let exemption = BreachSubjectsDecision.exemptions[0]
            #expect(problem(try await dpo.send(.POST, path, form: ["csrf": csrf, "decision": "not-told", "exemption": exemption])), "not told needs a reason")
            #expect(problem(try await dpo.send(.POST, path, form: ["csrf": csrf, "decision": "told", "how": "Letter"])), "told needs a reason")
            #expect(problem(try await dpo.send(.POST, path, form: ["csrf": csrf, "decision": "told", "reason": "High risk"])), "told needs how")
            #expect(problem(try await dpo.send(.POST, path, form: ["csrf": csrf, "decision": "not-told", "reason": "x", "exemption": "Because"])))
            #expect(problem(try await dpo.send(.POST, path, form: ["csrf": csrf, "reason": "x"])))
            #expect(try await BreachRepository(database: sql).find(breach.id)?.subjectsDecision == nil, "refusals change nothing")
            _ = try await dpo.send(.POST, path, form: ["csrf": csrf, "decision": "not-told", "reason": "AES-256 stick, key not lost", "exemption": exemption])
            let decision = try #require(try await BreachRepository(database: sql).find(breach.id)?.subjectsDecision)
            #expect(!decision.told && decision.exemption == exemption && decision.reason == "AES-256 stick, key not lost")
            let page = try await dpo.send(.GET, "/breaches").body.string
            #expect(page.contains("People not told: AES-256 stick, key not lost"))
            let steps = try await sql.select().column("decision").from("audit_entries").where("resource", .equal, "breach subjects")
                .orderBy("sequence").all().map { try $0.decode(column: "decision", as: String.self) }
            #expect(steps == ["deny", "deny", "deny", "deny", "deny", "permit"])
        }
    }

    @Test(arguments: ["practitioner", "analyst", "panel-chair", "partner-admin", "admin"])
    func onlyTheDPOKeepsTheRegister(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "user", partner: "test-council", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            _ = try await client.send(.GET, "/access-requests")
            #expect(try await client.send(.GET, "/breaches").status == .forbidden)
            let post = try await client.send(.POST, "/breaches", form: ["csrf": client.csrf ?? "", "kind": "integrity",
                                                                        "description": "x", "detected": "2026-01-01 10:00", "partner": "test-police"])
            #expect(post.status == .forbidden)
            let assess = try await client.send(.POST, "/breaches/\(UUID())/assessment", form: ["csrf": client.csrf ?? "", "detectedBy": "x"])
            #expect(assess.status == .forbidden)
            for step in ["recall-asked", "recall-confirmed", "consultation", "owner-decision", "close", "subjects"] {
                let recall = try await client.send(.POST, "/breaches/\(UUID())/\(step)", form: ["csrf": client.csrf ?? "", "to": "x", "by": "x"])
                #expect(recall.status == .forbidden)
            }
            #expect(try await BreachRepository(database: app.db as! any SQLDatabase).all().isEmpty)
        }
    }

    /// The scene several breach tests start from: the police share Jane, a council
    /// practitioner allocated to her reads her page (so the ledger shows who saw what),
    /// and the council's DPO is signed in on the breach register. Returns Jane, the
    /// practitioner's user id and the DPO's client.
    static func councilPractitionerReadJane(_ app: Application, _ sql: any SQLDatabase) async throws -> (jane: UUID, practitioner: UUID, dpo: PageClient) {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
        let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
        try await addUser(app, "leaky", partner: "test-council")
        let leaky = try #require(try await UserRepository(database: sql).find(username: "leaky"))
        try await CaseRelationshipRepository(database: sql).add(user: leaky.id, people: [jane], kind: "allocated-worker", at: Date())
        var practitioner = PageClient(app: app)
        _ = try await practitioner.signIn("leaky", "correct horse battery")
        _ = try await practitioner.send(.GET, "/people/\(jane)")
        return (jane, leaky.id, try await councilDPOOnTheRegister(app))
    }

    /// The council's DPO, signed in and on the breach register (so the client holds its anti-forgery token).
    static func councilDPOOnTheRegister(_ app: Application) async throws -> PageClient {
        try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
        var dpo = PageClient(app: app)
        _ = try await dpo.signIn("dee", "correct horse battery")
        _ = try await dpo.send(.GET, "/breaches")
        return dpo
    }
}
