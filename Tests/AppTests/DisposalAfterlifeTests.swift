@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// What happens after a disposal: a later extract cannot bring the record
/// back (a keyed tombstone, never the data), and the partners it was
/// disclosed to are told it is gone.
@Suite struct DisposalAfterlifeTests {
    /// Disposes of Pat Kelly's police records (P-3 and the event E-3 recorded against it).
    static func disposeOfPat(_ app: Application) async throws -> DisposalOutcome {
        let sql = app.db as! any SQLDatabase
        let pat = try #require(try await PeopleRepository(database: sql).search(name: "kelly").first).personID
        let records = try await sql.select().column("id").from("source_records").where("person_id", .equal, pat).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        return try await DisposalService(app: app).dispose(
            sourceRecords: records, partner: "test-police", reason: .erasure(request: "RR-2026-0009"),
            approvedBy: DisposalApprover(userID: UUID().uuidString, partner: "test-council", role: "dpo"))
    }

    @Test(arguments: TestStore.available)
    func aDisposedRecordInALaterExtractIsSkippedAndReportedWhileTheRestLoads(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            _ = try await RetentionTests.setUp(app)
            let outcome = try await Self.disposeOfPat(app)
            let today = CalendarDate.today(at: Date()).description
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)

            // act: the police's next full extracts still carry Pat, and Jane has moved
            let people = try await service.run(partner: "test-police", kind: .people, source: .data(Data(
                ImportTests.people.replacingOccurrences(of: "P-1,Jane,Doe,14/03/1985,F,12 Mill Road", with: "P-1,Jane,Doe,14/03/1985,F,4 New Lane").utf8),
                name: "people-0601.csv", contentType: nil))
            let events = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
                record_id,person_record_id,category,role,occurred_on,summary
                E-1,P-1,asb,subject,2015-03-01,Noise complaint
                E-3,P-3,theft,suspect,2015-04-01,Shoplifting
                E-9,P-3,asb,subject,2016-01-01,A new event about the disposed person
                """.utf8), name: "events-0601.csv", contentType: nil))

            // validate: the rest loaded, the disposed rows did not, each reported by file, line and reason
            #expect(people.loaded == 0 && people.rejected == 0, "\(people.description)")
            let reason = "disposed on \(today) under erasure RR-2026-0009; not re-imported"
            #expect(people.notReimported == [ImportProblem(file: "people-0601.csv", line: 4, field: "record_id", value: "P-3", reason: reason)])
            #expect(events.notReimported.map(\.line) == [3, 4] && events.notReimported.map(\.value) == ["E-3", "P-3"])
            #expect(events.notReimported[1].reason.hasPrefix(reason) && events.notReimported[1].field == "person_record_id")
            #expect(people.description.contains("1 not re-imported (disposed of)"))
            #expect(try await PeopleRepository(database: sql).search(name: "kelly").isEmpty)
            #expect(try await sql.select().column("id").from("events").where("record_id", .in, ["E-3", "E-9"]).all().isEmpty)
            #expect(try await sql.select().column("address_line").from("source_records").where("record_id", .equal, "P-1").first()?
                .decode(column: "address_line", as: String.self) == "4 New Lane")
            // The tombstones hold a keyed hash and the batch, never the record.
            let stones = try await sql.select().columns("tag", "partner_slug", "batch_reference", "rule").from("disposal_tombstones").all()
            #expect(stones.count == 2, "P-3 and E-3")
            for stone in stones {
                let text = try ["tag", "partner_slug", "batch_reference", "rule"].map { try stone.decode(column: $0, as: String.self) }.joined(separator: " ")
                #expect(text.contains(outcome.batch))
                for value in ["P-3", "E-3", "Kelly", "Pat"] { #expect(!text.contains(value)) }
            }
            // Another partner's record with the same local id is not the disposed one.
            let council = try await service.run(partner: "test-council", kind: .people, source: .data(Data("""
                record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
                P-3,Robin,Hart,1970-02-02,F,1 Elm Close,SS16 4AB,
                """.utf8), name: "council.csv", contentType: nil))
            #expect(council.loaded == 1 && council.notReimported.isEmpty)
        }
    }

    @Test func theExistingAllOrNothingRuleStillHoldsForWrongRows() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await RetentionTests.setUp(app)
            _ = try await Self.disposeOfPat(app)
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            // A disposed row and a wrong row: the wrong row still rolls the whole file back.
            await #expect(throws: ImportFailure.self) {
                _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
                    record_id,person_record_id,category,role,occurred_on,summary
                    E-3,P-3,theft,suspect,2015-04-01,Shoplifting
                    E-7,P-1,not-a-category,subject,2015-03-01,Broken
                    E-8,P-1,asb,subject,2015-03-02,Fine
                    """.utf8), name: "e.csv", contentType: nil))
            }
            #expect(try await sql.select().column("id").from("events").where("record_id", .equal, "E-8").all().isEmpty)
        }
    }

    @Test(arguments: TestStore.available)
    func partnersShownADisposedRecordAreToldWithoutItsData(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: a council worker and a police officer were both shown Pat's records
            let sql = app.db as! any SQLDatabase
            _ = try await RetentionTests.setUp(app)
            let pat = try #require(try await PeopleRepository(database: sql).search(name: "kelly").first).personID
            try await addUser(app, "cw", partner: "test-council")
            try await addUser(app, "pc", partner: "test-police")
            try await addUser(app, "bystander", partner: "test-council")
            var readers: [String: UUID] = [:]
            for name in ["cw", "pc", "bystander"] {
                readers[name] = try #require(try await UserRepository(database: sql).find(username: name)).id
            }
            for name in ["cw", "pc"] {
                try await CaseRelationshipRepository(database: sql).add(user: try #require(readers[name]), people: [pat], kind: "allocated-worker", at: Date())
                var client = PageClient(app: app)
                _ = try await client.signIn(name, "correct horse battery")
                #expect(try await client.send(.GET, "/people/\(pat)").body.string.contains("Kelly"))
            }

            // act
            let outcome = try await Self.disposeOfPat(app)

            // validate: the council reader is told, in words that name no one; the owner's officer and a non-reader are not
            let told = try await NotificationRepository(database: sql).notifications(for: try #require(readers["cw"])).map(\.message)
            #expect(told.count == 1)
            let message = try #require(told.first)
            #expect(message.contains("A record from Test Police that you were shown") && message.contains("erasure RR-2026-0009")
                    && message.contains(outcome.batch))
            for value in ["Kelly", "Pat", "P-3", "E-3", pat.uuidString] { #expect(!message.contains(value)) }
            #expect(try await NotificationRepository(database: sql).notifications(for: try #require(readers["pc"])).isEmpty)
            #expect(try await NotificationRepository(database: sql).notifications(for: try #require(readers["bystander"])).isEmpty)
            let audited = try await sql.select().column("resource").from("audit_entries")
                .where("subject", .equal, "disposal:\(outcome.batch)").where("resource", .like, "disposal notice%").all()
                .map { try $0.decode(column: "resource", as: String.self) }
            #expect(audited == ["disposal notice to:test-council users:1"])
        }
    }

    @Test(arguments: TestStore.available)
    func onlyThoseShownTheOwningPartnersItemsAreTold(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: a council worker reads Pat and is shown the police's record; the ledger says whose items it showed
            let sql = app.db as! any SQLDatabase
            _ = try await RetentionTests.setUp(app)
            let pat = try #require(try await PeopleRepository(database: sql).search(name: "kelly").first).personID
            try await addUser(app, "cw", partner: "test-council")
            let cw = try #require(try await UserRepository(database: sql).find(username: "cw")).id
            try await CaseRelationshipRepository(database: sql).add(user: cw, people: [pat], kind: "allocated-worker", at: Date())
            var client = PageClient(app: app)
            _ = try await client.signIn("cw", "correct horse battery")
            #expect(try await client.send(.GET, "/people/\(pat)").body.string.contains("Kelly"))
            let shown = try await sql.select().column("resource").from("audit_entries").where("actor", .equal, cw.uuidString)
                .where("subject", .equal, "person:\(pat.uuidString)").all().map { try $0.decode(column: "resource", as: String.self) }
            #expect(shown.contains { $0.hasPrefix("person-page items:") && $0.hasSuffix(" from:test-police") }, "\(shown)")
            // Others' readings of Pat: one shown only another partner's items, one shown a partner whose slug merely
            // begins like the owner's, and an older entry that does not say whose items it showed.
            let onlyOthers = UUID(), lookalike = UUID(), older = UUID(), both = UUID()
            func read(_ actor: UUID, _ resource: String) -> AuditRecord {
                AuditRecord(actor: actor.uuidString, partner: "test-charity", purpose: "holistic-view", action: .accessDecision,
                            subject: "person:\(pat.uuidString)", resource: resource, decision: .permit, reason: "test")
            }
            try await app.auditTrail.recordAlone([
                read(onlyOthers, "person-page items:2 shown:1 from:test-charity"),
                read(lookalike, "person-page items:2 shown:1 from:test-police-museum"),
                read(older, "person-page items:2 shown:2"),
                read(both, "person-page items:3 shown:3 from:test-charity,test-police,test-zoo"),
            ], on: app.db)

            // act
            let readers = try await DisposalRepository(database: sql).readers(of: [pat], besides: "test-police")

            // validate
            #expect(Set(readers.map(\.user)) == [cw.uuidString, older.uuidString, both.uuidString])
            _ = try await Self.disposeOfPat(app)
            #expect(try await NotificationRepository(database: sql).notifications(for: cw).count == 1, "the council worker shown it is told")
        }
    }
}
