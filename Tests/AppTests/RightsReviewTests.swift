@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The rights-request workbench: each holding partner's review with coded
/// redactions the pack applies, rectification sent on to recipients,
/// objection leaving case finding, erasure decided with its reason.
@Suite struct RightsReviewTests {
    /// The test family, Jane also known to the council, a DPO, and a request about Jane.
    static func world(_ app: Application, kinds: [RightsRequestKind]) async throws -> (jane: UUID, household: UUID, request: StoredRightsRequest) {
        let (household, jane) = try await CaseworkTests().family(app)
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
        _ = try await service.run(partner: "test-council", kind: .people, source: .data(Data("""
            record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
            C-1,Jane,Doe,14/03/1985,F,12 Mill Road,SS14 1DL,943 476 5919
            """.utf8), name: "c.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .involvements, source: .data(Data("""
            record_id,person_record_id,service,work_type,worker_name,lead_professional,started_on
            I-1,P-1,Domestic Abuse Unit,policing,DC Rowe,no,\(CaseworkTests.daysAgo(10))
            """.utf8), name: "i.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
            record_id,person_record_id,category,role,occurred_on,summary
            E-4,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(3)),Sam said he saw DC Rowe arrive
            """.utf8), name: "e4.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
        let sql = app.db as! any SQLDatabase
        let dee = try #require(try await UserRepository(database: sql).find(username: "dee"))
        let request = try await RightsRequestRepository(database: sql).record(
            person: jane, kinds: kinds, regimes: [.ukGDPR, .dpa2018Part3], received: CalendarDate.today(at: Date()),
            identityAskedFor: false, handler: dee.id, handlerName: "Dee", at: Date())
        return (jane, household, request)
    }

    static func dpo(_ app: Application) async throws -> PageClient {
        var client = PageClient(app: app)
        _ = try await client.signIn("dee", "correct horse battery")
        _ = try await client.send(.GET, "/rights-requests")
        return client
    }

    @Test(arguments: TestStore.available)
    func eachHoldingPartnerReviewsItsItemsAndThePackAppliesTheirRedactions(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let (_, _, request) = try await Self.world(app, kinds: [.access])
            let sql = app.db as! any SQLDatabase
            var dpo = try await Self.dpo(app)
            let review = "/rights-requests/\(request.id)/review"

            // act, validate: a task per holding partner, other people proposed, practitioners not
            let page = try await dpo.send(.GET, review).body.string
            #expect(page.contains("id=\"review-test-police\"") && page.contains("id=\"review-test-council\""))
            #expect(page.contains("To review") && page.contains("mention(s) of other people proposed for withholding"))
            #expect(page.contains("DC Rowe"), "a practitioner acting in their role is not withheld by default")

            let unreasoned = try await dpo.send(.POST, review + "/redact", form: [
                "csrf": dpo.csrf ?? "", "partner": "test-police", "item": "event:E-1", "exemption": Exemption.crime.rawValue, "reason": " "])
            #expect(unreasoned.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await RightsReviewRepository(database: sql).redactions(of: request.id).isEmpty, "refused: nothing recorded")
            let notTheirs = try await dpo.send(.POST, review + "/redact", form: [
                "csrf": dpo.csrf ?? "", "partner": "test-council", "item": "event:E-1", "exemption": Exemption.crime.rawValue, "reason": "x"])
            #expect(notTheirs.headers.first(name: .location)?.contains("problem=") == true, "a partner withholds only its own items")
            let withheld = try await dpo.send(.POST, review + "/redact", form: [
                "csrf": dpo.csrf ?? "", "partner": "test-police", "item": "event:E-1", "exemption": Exemption.crime.rawValue,
                "reason": "Investigation still open; disclosure would alert the suspect"])
            #expect(withheld.headers.first(name: .location)?.contains("done=") == true)

            var pack = try await dpo.send(.GET, "/rights-requests/\(request.id)/pack").body.string
            #expect(pack.contains("[withheld: DPA 2018 Sch 2 para 2 (crime)]") && !pack.contains("Incident at home"))
            #expect(pack.contains("saw DC Rowe arrive") && !pack.contains("Sam said"), "third party withheld, practitioner kept")
            #expect(pack.contains("id=\"pack-draft\""), "a draft until every holding partner has reviewed")

            let anonymous = try await dpo.send(.POST, review + "/done", form: ["csrf": dpo.csrf ?? "", "partner": "test-police", "reviewer": ""])
            #expect(anonymous.headers.first(name: .location)?.contains("problem=") == true)
            for partner in ["test-police", "test-council"] {
                _ = try await dpo.send(.POST, review + "/done", form: ["csrf": dpo.csrf ?? "", "partner": partner,
                                                                       "reviewer": "Rhea Records, information sharing officer"])
            }
            pack = try await dpo.send(.GET, "/rights-requests/\(request.id)/pack").body.string
            #expect(!pack.contains("id=\"pack-draft\"") && pack.contains("Reviewed by Rhea Records"))
            struct JSONPack: Decodable {
                struct Use: Decodable { var citation: String; var count: Int }
                var withheldItems: Int; var redactions: Int; var exemptions: [Use]; var draft: Bool
            }
            let json = try await dpo.send(.GET, "/rights-requests/\(request.id)/pack.json").content.decode(JSONPack.self)
            #expect(json.withheldItems == 1 && json.redactions == 1 && !json.draft)
            #expect(json.exemptions.map(\.citation) == [Exemption.crime.citation, Exemption.thirdParty.citation])
            let steps = try await sql.select().column("decision").from("audit_entries")
                .where("resource", .like, "rights-request:\(request.reference) %").orderBy("sequence").all()
                .map { try $0.decode(column: "decision", as: String.self) }
            #expect(steps == ["deny", "deny", "permit", "deny", "permit", "permit"])
        }
    }

    @Test func theWorkbenchIsClosedUntilIdentityIsSettled() async throws {
        try await withApp(.sqlite) { app in
            let (jane, _, _) = try await Self.world(app, kinds: [.access])
            let sql = app.db as! any SQLDatabase
            let dee = try #require(try await UserRepository(database: sql).find(username: "dee"))
            let waiting = try await RightsRequestRepository(database: sql).record(
                person: jane, kinds: [.access], regimes: [.ukGDPR], received: CalendarDate.today(at: Date()),
                identityAskedFor: true, handler: dee.id, handlerName: "Dee", at: Date())
            var dpo = try await Self.dpo(app)
            #expect(try await dpo.send(.GET, "/rights-requests/\(waiting.id)/review").status == .forbidden)
            let redact = try await dpo.send(.POST, "/rights-requests/\(waiting.id)/review/redact", form: [
                "csrf": dpo.csrf ?? "", "partner": "test-police", "item": "event:E-1", "exemption": Exemption.crime.rawValue, "reason": "x"])
            #expect(redact.status == .forbidden)
            #expect(try await RightsReviewRepository(database: sql).redactions(of: waiting.id).isEmpty)
        }
    }

    @Test(arguments: TestStore.available)
    func aDisputedRecordIsFlaggedEverywhereUntilCorrectedThenRecipientsAreTold(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: a council worker was shown Jane's records (a recipient); the police's records officer loads its extracts
            let (jane, household, request) = try await Self.world(app, kinds: [.rectification])
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "worker", partner: "test-council")
            try await addUser(app, "rhea", partner: "test-police", roles: ["partner-admin"])
            let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
            try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: [jane], kind: "allocated-worker", at: Date())
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("worker", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/people/\(jane)").body.string.contains("Incident at home"))
            var dpo = try await Self.dpo(app)
            let review = "/rights-requests/\(request.id)/review"

            // act: the dispute
            let vague = try await dpo.send(.POST, review + "/dispute", form: ["csrf": dpo.csrf ?? "", "item": "test-police event:E-1", "note": ""])
            #expect(vague.headers.first(name: .location)?.contains("problem=") == true)
            _ = try await dpo.send(.POST, review + "/dispute", form: ["csrf": dpo.csrf ?? "", "item": "test-police event:E-1",
                                                                      "note": "It happened at a friend's flat, not at home"])
            let dispute = try #require(try await DisputeRepository(database: sql).disputes(of: request.id).first)

            // validate: flagged on the person page, the household timeline and the pack's source
            #expect(try await practitioner.send(.GET, "/people/\(jane)").body.string.contains("Disputed by the person"))
            #expect(try await practitioner.send(.GET, "/households/\(household)").body.string.contains("Disputed by the person"))
            var records = PageClient(app: app)
            _ = try await records.signIn("rhea", "correct horse battery")
            let asked = try await records.send(.GET, "/notifications").body.string
            #expect(asked.contains("record E-1 is wrong"))
            #expect(!asked.contains("friend"), "the records officer reads no case data: the DPO gives the details")

            let early = try await dpo.send(.POST, review + "/corrected", form: ["csrf": dpo.csrf ?? "", "dispute": dispute.id.uuidString])
            #expect(early.headers.first(name: .location)?.contains("problem=") == true, "no corrected version has arrived")
            #expect(try await DisputeRepository(database: sql).find(dispute.id)?.isOpen == true)

            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
                .run(partner: "test-police", kind: .events, source: .data(Data("""
                    record_id,person_record_id,category,role,occurred_on,summary
                    E-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(12)),Incident at a friend's flat
                    """.utf8), name: "fix.csv", contentType: nil))
            _ = try await dpo.send(.POST, review + "/corrected", form: ["csrf": dpo.csrf ?? "", "dispute": dispute.id.uuidString])
            let closed = try #require(try await DisputeRepository(database: sql).find(dispute.id))
            #expect(closed.correctedVersion == 2 && closed.recipientsTold == 1, "the council was shown it: one recipient partner")
            let page = try await practitioner.send(.GET, "/people/\(jane)").body.string
            #expect(!page.contains("Disputed by the person") && page.contains("friend"))
            #expect(try await practitioner.send(.GET, "/notifications").body.string.contains("corrected a record"))
            let notices = try await sql.select().column("resource").from("audit_entries")
                .where("resource", .like, "rectification notice%").all()
            #expect(notices.count == 1)
        }
    }

    @Test func anObjectionTakesTheSubjectOutOfCaseFindingUnlessCompellingGroundsAreRecorded() async throws {
        try await withApp(.sqlite) { app in
            // setup: Jane's domestic abuse puts her household on the list until she objects
            let (household, jane) = try await CaseworkTests().family(app)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            #expect(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse"))
            var dpo = try await Self.dpo(app)

            // act: the objection recorded, identity to be proved
            _ = try await dpo.send(.POST, "/rights-requests", form: [
                "csrf": dpo.csrf ?? "", "person": jane.uuidString, "kind-objection": "on",
                "received": CalendarDate.today(at: Date()).description, "identity-asked": "on"])
            let request = try #require(try await RightsRequestRepository(database: app.db as! any SQLDatabase).all().first)
            #expect(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse"),
                    "an unproven requester stops nothing")
            _ = try await dpo.send(.GET, "/rights-requests")
            _ = try await dpo.send(.POST, "/rights-requests/\(request.id)/verify", form: ["csrf": dpo.csrf ?? "", "note": "Passport seen"])

            // validate: out at once, back with compelling grounds, out again when upheld
            #expect(!(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse")),
                    "the objection stops case finding as soon as it is made")
            let review = "/rights-requests/\(request.id)/review"
            _ = try await dpo.send(.POST, review + "/objection", form: ["csrf": dpo.csrf ?? "",
                                                                        "grounds": "A child protection enquiry (s47) is open for the household"])
            #expect(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse"))
            #expect(try await dpo.send(.GET, review).body.string.contains("Compelling grounds recorded"))
            _ = try await dpo.send(.POST, review + "/objection", form: ["csrf": dpo.csrf ?? "", "grounds": ""])
            #expect(!(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse")))
            _ = try await dpo.send(.POST, "/rights-requests/\(request.id)/close", form: ["csrf": dpo.csrf ?? "", "note": "Objection upheld"])
            #expect(!(try await analyst.send(.GET, "/case-finding").body.string.contains("safe from domestic abuse")),
                    "an upheld objection outlives its request")
            _ = household
        }
    }

    /// Stands in for the lifecycle's disposal service.
    actor DisposalLog {
        var calls: [(partner: String, records: Int, request: String)] = []
        func add(_ call: (partner: String, records: Int, request: String)) { calls.append(call) }
    }
    struct StubDisposer: ErasureDisposer {
        let log: DisposalLog
        func disposeForErasure(sourceRecords: [UUID], partner: String, request reference: String,
                               approverUserID: String, approverPartner: String) async throws -> String {
            await log.add((partner, sourceRecords.count, reference))
            return "DB-\(partner)"
        }
    }

    @Test func anErasureIsRefusedOnlyWithItsReasonAndAgreedOneGoesThroughDisposal() async throws {
        try await withApp(.sqlite) { app in
            let (_, _, request) = try await Self.world(app, kinds: [.erasure])
            let log = DisposalLog()
            app.erasureDisposer = StubDisposer(log: log)
            let decisions = RightsDecisionRepository(database: app.db as! any SQLDatabase)
            var dpo = try await Self.dpo(app)
            let review = "/rights-requests/\(request.id)/review"

            let bare = try await dpo.send(.POST, review + "/erasure", form: ["csrf": dpo.csrf ?? "", "decision": "refuse", "reason": ""])
            #expect(bare.headers.first(name: .location)?.contains("problem=") == true)
            let none = await log.calls
            #expect(try await decisions.decisions(of: request.id).isEmpty && none.isEmpty)

            _ = try await dpo.send(.POST, review + "/erasure", form: ["csrf": dpo.csrf ?? "", "decision": "refuse",
                                                                      "reason": "Police records kept under MoPI for a policing purpose"])
            #expect(try await decisions.decisions(of: request.id).map(\.decision.outcome) == [.erasureRefused])
            let stillNone = await log.calls
            #expect(stillNone.isEmpty)

            _ = try await dpo.send(.POST, review + "/erasure", form: ["csrf": dpo.csrf ?? "", "decision": "agree", "reason": "Council record only"])
            let calls = await log.calls
            #expect(calls.map(\.partner) == ["test-council", "test-police"] && calls.allSatisfy { $0.records == 1 && $0.request == request.reference })
            #expect(try await decisions.decisions(of: request.id).last?.disposalReference == "DB-test-council, DB-test-police")
        }
    }

    @Test func theDPOIsRemindedBeforeEachClockRunsOutAndOnceItHas() async throws {
        try await withApp(.sqlite) { app in
            // setup: a request received 2 November 2026 (due 2 December) and a breach detected 30 November 09:00 UTC
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            try await addUser(app, "pat", partner: "test-council")
            let sql = app.db as! any SQLDatabase
            let dee = try #require(try await UserRepository(database: sql).find(username: "dee"))
            let request = try await RightsRequestRepository(database: sql).record(
                person: UUID(), kinds: [.access], regimes: [.ukGDPR], received: CalendarDate(parsing: "2026-11-02")!,
                identityAskedFor: false, handler: dee.id, handlerName: "Dee", at: Date())
            let detected: Int64 = 1_796_029_200
            _ = try await BreachRepository(database: sql).record(
                kind: "confidentiality", description: "Email to the wrong school", clock: try BreachClock(detectedAt: detected, now: detected),
                scopeActor: nil, scopePartner: "test-police", windowFrom: detected - 86_400, windowTo: detected,
                impact: try await BreachRepository(database: sql).impact(actor: "nobody", partner: nil, fromSeconds: 0, toSeconds: 1), containment: nil, by: dee.id, at: Date())
            let reminders = ClockReminders(database: app.db, audit: app.auditTrail)
            func at(_ hoursAfterDetection: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(detected + hoursAfterDetection * 3600)) }

            // act, validate
            #expect(try await reminders.raise(now: at(-24 * 6)) == 0, "24 November: nothing near")
            #expect(try await reminders.raise(now: at(37)) == 2, "1 December 22:00: the request due tomorrow, partners in 11 hours")
            #expect(try await reminders.raise(now: at(38)) == 0, "each reminder once")
            #expect(try await reminders.raise(now: at(73)) == 3, "3 December: the request overdue, both breach clocks missed")
            let mine = try await NotificationRepository(database: sql).notifications(for: dee.id)
            #expect(Set(mine.map(\.ruleID)) == Set(ClockReminder.Kind.allCases.map(\.rawValue)).subtracting([ClockReminder.Kind.icoDueSoon.rawValue]))
            #expect(mine.contains { $0.message.contains(request.reference) && $0.path == "/rights-requests" })
            #expect(mine.contains { $0.message.contains("BR-2026-0001") && $0.path == "/breaches" })
            let pat = try #require(try await UserRepository(database: sql).find(username: "pat"))
            #expect(try await NotificationRepository(database: sql).notifications(for: pat.id).isEmpty, "only the DPO")
            var client = PageClient(app: app)
            _ = try await client.signIn("dee", "correct horse battery")
            let page = try await client.send(.GET, "/notifications").body.string
            #expect(page.contains("href=\"/breaches\"") && page.contains("href=\"/rights-requests\""))
        }
    }
}
