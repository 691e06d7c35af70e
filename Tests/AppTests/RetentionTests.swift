@testable import App
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Retention and disposal through the pages: the schedule validated whole,
/// holds that keep records, batches only the owning partner's records
/// officer prepares and approves, and a disposal that leaves nothing behind
/// but a signed certificate.
@Suite struct RetentionTests {
    static let oldEvents = """
        record_id,person_record_id,category,role,occurred_on,summary
        E-1,P-1,asb,subject,2015-03-01,Noise complaint
        E-3,P-3,theft,suspect,2015-04-01,Shoplifting
        """

    static func setUp(_ app: Application) async throws -> (jane: UUID, pat: UUID) {
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
        _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(oldEvents.utf8), name: "e.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let people = PeopleRepository(database: app.db as! any SQLDatabase)
        let jane = try #require(try await people.search(name: "doe jane").first).personID
        let pat = try #require(try await people.search(name: "kelly").first).personID
        try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
        try await addUser(app, "rhea", partner: "test-police", roles: ["records"])
        try await addUser(app, "rex", partner: "test-council", roles: ["records"])
        return (jane, pat)
    }

    static func signedIn(_ app: Application, _ user: String) async throws -> PageClient {
        var client = PageClient(app: app)
        _ = try await client.signIn(user, "correct horse battery")
        _ = try await client.send(.GET, "/retention")
        return client
    }

    static let policeRules = """
        [{"recordClass": "people", "partner": "test-police", "trigger": "last-action", "years": 1, "action": "destroy", "basis": "Force schedule"},
         {"recordClass": "events:asb", "trigger": "last-action", "years": 6, "action": "destroy", "basis": "Community Risk Panel, seed 001"},
         {"recordClass": "events:theft", "trigger": "last-action", "years": 6, "action": "review", "basis": "MoPI minimum"},
         {"recordClass": "people", "trigger": "last-action", "years": 8, "action": "destroy", "basis": "seed 000"}]
        """

    @Test(arguments: TestStore.available)
    func theOwningPartnersRecordsOfficerDisposesAndNothingIsLeftButTheCertificate(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let (jane, pat) = try await Self.setUp(app)
            var dpo = try await Self.signedIn(app, "dee")

            // A rule with no trigger or a negative period is refused whole, with its reason.
            let bad = Self.policeRules.replacingOccurrences(of: #""trigger": "last-action", "years": 1"#, with: #""years": -1"#)
            let refused = try await dpo.send(.POST, "/retention/rules", form: ["csrf": dpo.csrf ?? "", "rules": bad, "reason": "Force schedule"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("say when the period starts") && refused.body.string.contains("cannot be negative"))
            #expect(try await RetentionRepository(database: sql).latestRules() == nil)
            let saved = try await dpo.send(.POST, "/retention/rules", form: ["csrf": dpo.csrf ?? "", "rules": Self.policeRules, "reason": "Force schedule adopted"])
            #expect(saved.status == .seeOther)
            #expect(try await RetentionRepository(database: sql).latestRules()?.version == 1)

            // Jane's family is under an inquiry's hold before anything is prepared.
            let household = try #require(try await sql.select().column("household_id").from("household_members").where("person_id", .equal, jane).first()?
                .decode(column: "household_id", as: UUID.self))
            _ = try await dpo.send(.POST, "/retention/holds", form: ["csrf": dpo.csrf ?? "", "issuer": "inquiry", "reference": "INQ-7",
                                                                    "reason": "Inquiry into child protection", "scopeKind": "household",
                                                                    "scopeValue": household.uuidString])
            let due = try await dpo.send(.GET, "/retention").body.string
            #expect(due.contains("due-test-police-people") && due.contains("INQ-7"))
            // The hold shows on the record, to whoever may read it.
            try await addUser(app, "pc", partner: "test-police")
            let pc = try #require(try await UserRepository(database: sql).find(username: "pc"))
            try await CaseRelationshipRepository(database: sql).add(user: pc.id, people: [jane, pat], kind: "allocated-worker", at: Date())
            var worker = PageClient(app: app)
            _ = try await worker.signIn("pc", "correct horse battery")
            #expect(try await worker.send(.GET, "/people/\(jane)").body.string.contains("Legal hold INQ-7 (Inquiry)"))
            #expect(try await !worker.send(.GET, "/people/\(pat)").body.string.contains("Legal hold"))

            // Another partner's records officer cannot prepare the police's batch; the DPO cannot either.
            var rex = try await Self.signedIn(app, "rex")
            let foreign = try await rex.send(.POST, "/retention/batches", form: ["csrf": rex.csrf ?? "", "partner": "test-police", "recordClass": "people"])
            #expect(foreign.status == .forbidden)
            #expect(try await dpo.send(.POST, "/retention/batches", form: ["csrf": dpo.csrf ?? "", "partner": "test-police", "recordClass": "people"]).status == .forbidden)
            #expect(try await RetentionRepository(database: sql).batches().isEmpty)

            var rhea = try await Self.signedIn(app, "rhea")
            _ = try await rhea.send(.POST, "/retention/batches", form: ["csrf": rhea.csrf ?? "", "partner": "test-police", "recordClass": "people"])
            let batch = try #require(try await RetentionRepository(database: sql).batches().first)
            #expect(batch.status == .awaitingApproval)
            #expect(try await DisposalRepository(database: sql).items(of: batch.id, table: "source_records").count == 1, "Pat only: Jane is held (Sam, with nothing recorded, is not yet due)")
            #expect(batch.preview.contains(#""held":1"#) && batch.preview.contains("INQ-7"))

            // A hold placed on Pat after preparation: approving is refused and changes nothing.
            _ = try await dpo.send(.POST, "/retention/holds", form: ["csrf": dpo.csrf ?? "", "issuer": "complaint", "reference": "CMP-2",
                                                                    "reason": "Complaint about a police contact", "scopeKind": "person",
                                                                    "scopeValue": pat.uuidString])
            let heldApproval = try await rhea.send(.POST, "/retention/batches/\(batch.id)/approve", form: ["csrf": rhea.csrf ?? ""])
            #expect(heldApproval.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await RetentionRepository(database: sql).batch(batch.reference)?.status == .awaitingApproval)
            #expect(try await rex.send(.POST, "/retention/batches/\(batch.id)/approve", form: ["csrf": rex.csrf ?? ""]).status == .forbidden)
            let patHold = try #require(try await RetentionRepository(database: sql).holds().first { $0.hold.reference == "CMP-2" })
            _ = try await dpo.send(.POST, "/retention/holds/\(patHold.id)/lift", form: ["csrf": dpo.csrf ?? "", "reason": "Complaint closed"])

            _ = try await rhea.send(.POST, "/retention/batches/\(batch.id)/approve", form: ["csrf": rhea.csrf ?? ""])
            #expect(try await RetentionRepository(database: sql).batch(batch.reference)?.status == .approved)
            _ = try await rhea.send(.POST, "/retention/batches/\(batch.id)/dispose", form: ["csrf": rhea.csrf ?? ""])
            let done = try #require(try await RetentionRepository(database: sql).batch(batch.reference))
            #expect(done.status == .disposed)

            // Pat is gone from every table; Jane, held, is still there.
            let people = PeopleRepository(database: sql)
            #expect(try await people.search(name: "kelly").isEmpty)
            #expect(try await people.search(name: "doe jane").count == 1)
            for (table, column) in [("source_records", "family_name"), ("source_record_versions", "family_name")] {
                #expect(try await sql.select().column(column).from(table).where(SQLIdentifier(column), .equal, "Kelly").all().isEmpty)
            }
            #expect(try await sql.select().column("id").from("events").where("record_id", .equal, "E-3").all().isEmpty)
            #expect(try await sql.select().column("id").from("people").where("id", .equal, pat).all().isEmpty)
            #expect(try await sql.select().column("id").from("events").where("record_id", .equal, "E-1").all().count == 1)

            // The certificate is in the ledger, signed, without personal data, and the ledger verifies.
            let entry = try #require(try await sql.select().column("resource").from("audit_entries")
                .where("subject", .equal, "disposal:\(batch.reference)").where("reason", .like, "disposal certificate%").first())
            let text = try entry.decode(column: "resource", as: String.self)
            let parts = text.components(separatedBy: "\nsignature=")
            #expect(parts.count == 2 && text.contains("removed.source_records=1") && text.contains("removed.events=1"))
            let signature = try #require(Data(base64Encoded: parts[1]))
            #expect(app.auditTrail.signer.verifier.isValid(signature: Array(signature), document: "disposal-certificate", parts[0]))
            #expect(!app.auditTrail.signer.verifier.isValid(signature: Array(signature), document: "disposal-certificate", parts[0] + " "))
            // Field by field: the approver's random id may hold "E-3" by chance, and is not personal data.
            let fields = parts[0].split(separator: "\n").filter { !$0.hasPrefix("approved-by=") }.joined(separator: "\n")
            for value in ["Kelly", "O'Brien", "SS15 6PH", "High St", "1990-01-01", "E-3", "P-3"] { #expect(!fields.contains(value)) }
            let report = try await AuditRepository(database: sql).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.fault == nil)
            // A full re-link cannot bring Pat back: nothing of Pat's is left to link.
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            #expect(try await people.search(name: "kelly").isEmpty)
            let page = try await rhea.send(.GET, "/retention").body.string
            #expect(page.contains("certificate=lantern-disposal-v1"))
        }
    }

    @Test func disposingARecordWithdrawsItsPersonFromTheirHousehold() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            let (jane, _) = try await Self.setUp(app)
            let sam = try #require(try await PeopleRepository(database: sql).search(name: "doe sam").first).personID
            let household = try #require(try await sql.select().column("household_id").from("household_members").where("person_id", .equal, jane).first()?
                .decode(column: "household_id", as: UUID.self))
            let records = try await sql.select().column("id").from("source_records").where("person_id", .equal, sam).all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            let outcome = try await DisposalService(app: app).dispose(
                sourceRecords: records, partner: "test-police", reason: .erasure(request: "RR-2026-0001"),
                approvedBy: DisposalApprover(userID: UUID().uuidString, partner: "test-council", role: "dpo"))
            #expect(outcome.certificate.reason == "erasure RR-2026-0001" && outcome.certificate.counts["people"] == 1)
            // Jane alone is no household: it goes, with its address evidence.
            #expect(try await sql.select().column("id").from("households").where("id", .equal, household).all().isEmpty)
            #expect(try await sql.select().column("household_id").from("household_evidence").where("household_id", .equal, household).all().isEmpty)
            #expect(try await PeopleRepository(database: sql).search(name: "doe jane").count == 1)
        }
    }

    @Test(arguments: TestStore.available)
    func aWithdrawalInEffectReturnsWhatThePartnerSharedThenRemovesIt(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await Self.setUp(app)
            let repository = AgreementRepository(database: sql)
            let isp = try #require(try await repository.all().first { $0.agreement.title == "Test ISP" })
            let today = CalendarDate.today(at: Date())
            var withdrawn = isp.agreement
            withdrawn.status = .withdrawn
            withdrawn.withdrawal = Withdrawal(partner: "test-police", noticeGivenOn: today.adding(days: -27), effectiveOn: today.adding(days: 1),
                                              sharesDuringNotice: true)
            _ = try await repository.replace(isp.id, expecting: isp.version, with: withdrawn,
                                             edit: AgreementEdit(change: "withdraw", userID: "u", userName: "Dee", reason: "leaving", at: Date()))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-returns-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            // Still in its notice period: nothing happens.
            #expect(try await WithdrawalCompletion.run(app, on: today, dataDirectory: folder.path).isEmpty)
            #expect(try await sql.select().column("id").from("source_records").where("partner_slug", .equal, "test-police").all().count == 3)

            let done = try await WithdrawalCompletion.run(app, on: today.adding(days: 1), dataDirectory: folder.path)
            let completed = try #require(done.first)
            #expect(done.count == 1 && completed.partner == "test-police")
            #expect(completed.outcome.certificate.reason == "withdrawal \(isp.id.uuidString)")
            #expect(completed.outcome.certificate.counts["source_records"] == 3 && completed.outcome.certificate.counts["events"] == 2)
            let returned = try String(contentsOfFile: try #require(completed.returnedTo) + "/people.csv", encoding: .utf8)
            #expect(returned.hasPrefix("record_id,given_names,family_name,"))
            #expect(returned.contains("P-3,\"O'Brien, Pat\",Kelly,"), "the partner's own values, quoted as the import format reads them")
            let events = try String(contentsOfFile: completed.returnedTo! + "/events.csv", encoding: .utf8)
            #expect(events.contains("E-3,P-3,theft,suspect,2015-04-01,Shoplifting"))
            #expect(try await sql.select().column("id").from("source_records").where("partner_slug", .equal, "test-police").all().isEmpty)
            // Done once: the next run finds nothing left to return.
            #expect(try await WithdrawalCompletion.run(app, on: today.adding(days: 2), dataDirectory: folder.path).isEmpty)
        }
    }

    @Test func oldNotificationsAreDueAndARecordGoesInOneBatchOnly() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await Self.setUp(app)
            let rhea = try #require(try await UserRepository(database: sql).find(username: "rhea"))
            let notifications = NotificationRepository(database: sql)
            try await notifications.add(user: rhea.id, household: UUID(), rule: "r", message: "old", at: Date(timeIntervalSinceNow: -2 * 366 * 86_400))
            try await notifications.add(user: rhea.id, household: UUID(), rule: "r", message: "new", at: Date())
            var officer = try await Self.signedIn(app, "rhea")
            _ = try await officer.send(.POST, "/retention/batches", form: ["csrf": officer.csrf ?? "", "recordClass": "notifications"])
            let again = try await officer.send(.POST, "/retention/batches", form: ["csrf": officer.csrf ?? "", "recordClass": "notifications"])
            #expect(again.headers.first(name: .location)?.contains("problem=") == true, "the old notification is already in a batch")
            let batch = try #require(try await RetentionRepository(database: sql).batches().first)
            #expect(try await RetentionRepository(database: sql).batches().count == 1)
            _ = try await officer.send(.POST, "/retention/batches/\(batch.id)/approve", form: ["csrf": officer.csrf ?? ""])
            _ = try await officer.send(.POST, "/retention/batches/\(batch.id)/dispose", form: ["csrf": officer.csrf ?? ""])
            #expect(try await notifications.notifications(for: rhea.id).map(\.message) == ["new"])
            #expect(try await RetentionRepository(database: sql).batch(batch.reference)?.certificate?.contains("removed.notifications=1") == true)
        }
    }
}
