import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

/// Request and response: a practitioner without a relationship asks, the
/// holding partner's administrator answers, and a yes opens that partner's
/// items only.
@Suite struct AccessRequestTests {
    @Test(arguments: TestStore.available)
    func aPractitionerAsksTheHolderAnswersAndAYesOpensTheRecord(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "carl", partner: "test-council", roles: ["practitioner"])
            try await addUser(app, "petra", partner: "test-police", roles: ["partner-admin"])
            try await addUser(app, "mo", partner: "test-council", roles: ["partner-admin"])

            var carl = PageClient(app: app)
            _ = try await carl.signIn("carl", "correct horse battery")
            let before = try await carl.send(.GET, "/people/\(jane)")
            #expect(before.headers.first(name: "X-Lantern-Access") == "deny")
            #expect(!before.body.string.contains("Mill Road") && before.body.string.contains("request-access"))
            let tooShort = try await carl.send(.POST, "/people/\(jane)/access-requests", form: ["csrf": carl.csrf ?? "", "reason": "pls"])
            #expect(tooShort.headers.first(name: .location)?.contains("problem=") == true)
            let asked = try await carl.send(.POST, "/people/\(jane)/access-requests",
                                            form: ["csrf": carl.csrf ?? "", "reason": "Allocated to her son's school transition plan"])
            #expect(asked.headers.first(name: .location) == "/people/\(jane)?requested=1")
            // Asking again while the first waits asks nobody twice.
            _ = try await carl.send(.GET, "/people/\(jane)")
            let again = try await carl.send(.POST, "/people/\(jane)/access-requests",
                                            form: ["csrf": carl.csrf ?? "", "reason": "Allocated to her son's school transition plan"])
            #expect(again.headers.first(name: .location) == "/people/\(jane)?requested=0")
            let mine = try await carl.send(.GET, "/access-requests").body.string
            #expect(mine.contains("pending") && !mine.contains("Test Police"), "which partner was asked stays hidden")

            // Another partner's administrator has nothing to answer and cannot answer it.
            var mo = PageClient(app: app)
            _ = try await mo.signIn("mo", "correct horse battery")
            #expect(try await mo.send(.GET, "/access-requests").body.string.contains("No requests are waiting"))
            let request = try #require(try await AccessRequestRepository(database: sql).waiting(for: "test-police").first)
            let wrong = try await mo.send(.POST, "/access-requests/\(request.id)/answer",
                                          form: ["csrf": mo.csrf ?? "", "decision": "grant", "answer": "fine"])
            #expect(wrong.status == .forbidden)

            var petra = PageClient(app: app)
            _ = try await petra.signIn("petra", "correct horse battery")
            let inbox = try await petra.send(.GET, "/access-requests").body.string
            #expect(inbox.contains("Carl") && inbox.contains("school transition plan") && inbox.contains("P-1"))
            let granted = try await petra.send(.POST, "/access-requests/\(request.id)/answer",
                                               form: ["csrf": petra.csrf ?? "", "decision": "grant", "answer": "Agreed for the transition plan"])
            #expect(granted.status == .seeOther)
            let twice = try await petra.send(.POST, "/access-requests/\(request.id)/answer",
                                             form: ["csrf": petra.csrf ?? "", "decision": "refuse", "answer": "changed my mind"])
            #expect(twice.status == .conflict)

            let after = try await carl.send(.GET, "/people/\(jane)")
            #expect(after.headers.first(name: "X-Lantern-Access") != "deny")
            #expect(after.body.string.contains("Mill Road"))
            #expect(try await carl.send(.GET, "/access-requests").body.string.contains("Agreed for the transition plan"))
            let audited = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource LIKE 'access-request%'")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            #expect(audited >= 3, "each request, and the answer, are in the ledger")
        }
    }
}
