import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct BreakGlassTests {
    @Test func emergencyAccessNeedsAReasonShowsTheRecordAndIsFlaggedForTheDPO() async throws {
        try await withApp(.sqlite) { app in
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe jane").first)
            try await addUser(app, "pat", partner: "test-council")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let before = try await client.send(.GET, "/people/\(jane.personID)")
            #expect(before.body.string.contains("Name withheld"))
            #expect(before.body.string.contains("Emergency access"))

            let short = try await client.send(.POST, "/people/\(jane.personID)/break-glass", form: ["reason": "now", "csrf": client.csrf ?? ""])
            let problemPage = try await client.send(.GET, short.headers.first(name: .location) ?? "/")
            #expect(problemPage.body.string.contains("at least 10 characters"))

            _ = try await client.send(.POST, "/people/\(jane.personID)/break-glass",
                                      form: ["reason": "Child reported missing tonight, checking for DA history", "csrf": client.csrf ?? ""])
            let after = try await client.send(.GET, "/people/\(jane.personID)")
            #expect(after.body.string.contains("Jane Doe"))
            #expect(after.body.string.contains("emergency access"))
            let entries = try await (app.db as! any SQLDatabase).select().columns("action", "decision", "reason")
                .from("audit_entries").where("action", .equal, "break_glass").all()
                .map { (try $0.decode(column: "decision", as: String.self), try $0.decode(column: "reason", as: String.self)) }
            #expect(entries.count == 2)
            #expect(entries.contains { $0.0 == "deny" })
            #expect(entries.contains { $0.0 == "permit" && $0.1.hasPrefix("for DPO review: Child reported missing") })
        }
    }

    /// A grant lives in the store, not in the session that made it: another
    /// session of the same person (another Lantern process, or after a
    /// restart) sees it, until it expires; nobody else holds it.
    @Test(arguments: TestStore.available)
    func aGrantIsKeptInTheStoreForThePersonWhoMadeItUntilItExpires(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first)
            try await addUser(app, "pat", partner: "test-council")
            try await addUser(app, "sam", partner: "test-council")
            var first = PageClient(app: app), second = PageClient(app: app), colleague = PageClient(app: app)
            _ = try await first.signIn("pat", "correct horse battery")
            _ = try await first.send(.GET, "/people/\(jane.personID)")
            // act
            _ = try await first.send(.POST, "/people/\(jane.personID)/break-glass",
                                     form: ["reason": "Child reported missing tonight, checking for DA history", "csrf": first.csrf ?? ""])
            _ = try await second.signIn("pat", "correct horse battery")
            _ = try await colleague.signIn("sam", "correct horse battery")
            // validate
            let elsewhere = try await second.send(.GET, "/people/\(jane.personID)").body.string
            #expect(elsewhere.contains("Jane Doe") && elsewhere.contains("emergency access"))
            #expect(try await colleague.send(.GET, "/people/\(jane.personID)").body.string.contains("Name withheld"))
            let stored = try await sql.select().column("reason").from("break_glass_grants").all()
            #expect(stored.count == 1)
            try await sql.update("break_glass_grants").set("granted_at", to: Int64(Date().timeIntervalSince1970) - 7200)
                .set("expires_at", to: Int64(Date().timeIntervalSince1970) - 3600).run()
            let expired = try await second.send(.GET, "/people/\(jane.personID)").body.string
            #expect(expired.contains("Name withheld") && !expired.contains("break-glass-active"), "an expired grant shows nothing")
        }
    }

    @Test func theDPOReviewsEachEmergencyAccessOnce() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first)
            try await addUser(app, "pat", partner: "test-council")
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            _ = try await practitioner.send(.GET, "/people/\(jane.personID)")
            _ = try await practitioner.send(.POST, "/people/\(jane.personID)/break-glass",
                                            form: ["reason": "Child reported missing tonight, checking for DA history", "csrf": practitioner.csrf ?? ""])
            let grant = try #require(try await sql.select().column("sequence").from("audit_entries")
                .where("action", .equal, "break_glass").where("decision", .equal, "permit").first()?.decode(column: "sequence", as: Int.self))

            // The practitioner cannot review their own emergency access.
            let own = try await practitioner.send(.POST, "/audit/break-glass/\(grant)/review",
                                                  form: ["outcome": "justified", "note": "fine by me", "csrf": practitioner.csrf ?? ""])
            #expect(own.status == .forbidden)

            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            let waiting = try await dpo.send(.GET, "/audit/unusual").body.string
            #expect(waiting.contains("1 use(s) of emergency access") && waiting.contains("review-form-\(grant)"))
            let reviewed = try await dpo.send(.POST, "/audit/break-glass/\(grant)/review",
                                              form: ["outcome": "justified", "note": "Missing child report confirmed with the police log", "csrf": dpo.csrf ?? ""])
            #expect(reviewed.status == .seeOther)
            let after = try await dpo.send(.GET, "/audit/unusual").body.string
            #expect(after.contains("0 use(s) of emergency access") && after.contains("Justified, reviewed by Dee"))
            #expect(after.contains("Missing child report confirmed"))
            let again = try await dpo.send(.POST, "/audit/break-glass/\(grant)/review",
                                           form: ["outcome": "not-justified", "note": "second thoughts", "csrf": dpo.csrf ?? ""])
            #expect(again.status == .conflict)
            let notAGrant = try await dpo.send(.POST, "/audit/break-glass/1/review",
                                               form: ["outcome": "justified", "note": "not a grant at all", "csrf": dpo.csrf ?? ""])
            #expect(notAGrant.status == .notFound)
            let audited = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource LIKE 'break-glass-review%'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(audited == 1)
        }
    }
}
