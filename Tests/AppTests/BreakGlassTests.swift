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
}
