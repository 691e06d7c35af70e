@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// No refusal goes unrecorded or ad hoc: every route the app registers,
/// called by every role, either is allowed or its 403 adds a refusal to the
/// ledger and comes from the catalogue of refusals.
/// Routes are read from the app, so a route added later is covered too.
@Suite struct RefusalAuditTests {
    static let roles = ["practitioner", "analyst", "panel-chair", "dpo", "partner-admin", "admin", "strategic-lead"]

    /// Routes that end the session under test, rather than refuse anything.
    static let skipped: Set<String> = ["POST /sign-out", "POST /sign-in", "POST /sign-in/code"]

    @Test(arguments: roles)
    func everyForbiddenAnswerIsInTheLedger(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let sql = app.db as! any SQLDatabase
            let someone = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "user", partner: "test-council", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            _ = try await client.send(.GET, "/people/\(someone)")
            func refusals() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE decision = 'deny'").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            var forbidden = 0
            for route in app.routes.all where [.GET, .POST].contains(route.method) {
                let path = "/" + route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter: someone.uuidString
                    case .anything, .catchall: "x"
                    }
                }.joined(separator: "/")
                guard !Self.skipped.contains("\(route.method.rawValue) \(path)") else { continue }
                let before = try await refusals()
                let response = route.method == .GET
                    ? try await client.send(.GET, path)
                    : try await client.send(.POST, path, form: ["csrf": client.csrf ?? "", "reason": "checking refusals are audited"])
                guard response.status == .forbidden else { continue }
                forbidden += 1
                #expect(try await refusals() > before, "\(role): \(route.method.rawValue) \(path) refused without an audit entry")
                // And it is a refusal from the catalogue (`Refusal`), in the layout on a page, with its code on the API.
                let label = "\(role): \(route.method.rawValue) \(path)"
                if path.hasPrefix("/api/") {
                    #expect((try? response.content.decode(APIError.self).code) != nil, "\(label) refused without a catalogued code")
                } else {
                    let html = response.body.string
                    #expect(html.contains(#"<nav class="nav" aria-label="Main">"#), "\(label) refused outside the layout")
                    #expect(html.contains(#"data-code=""#) && !html.contains(#"data-code="""#), "\(label) refused without a catalogued code")
                }
            }
            // Every role is refused somewhere (even the analyst may not review break-glass).
            #expect(forbidden > 0, "\(role) was refused nothing")
        }
    }
}
