import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Each role's home counts what waits for it, and the DPO's audit page finds
/// a person's or a user's audit.
@Suite struct HomeTests {
    /// The text of the home item whose link is `path`, up to the next item.
    static func item(_ path: String, in html: String) -> String? {
        guard let start = html.range(of: #"<a href="\#(path)" class="home-link">"#) else { return nil }
        let rest = html[start.upperBound...]
        return rest.range(of: "</li>").map { String(rest[..<$0.lowerBound]) }
    }

    @Test func anAccessRequestCountsForItsRequesterAndForTheHoldersAdministrator() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "worker", partner: "test-police", roles: ["practitioner"])
            try await addUser(app, "council-admin", partner: "test-council", roles: ["partner-admin"])
            try await addUser(app, "police-admin", partner: "test-police", roles: ["partner-admin"])
            let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
            _ = try await AccessRequestRepository(database: sql).request(
                requester: worker.id, name: "Worker", partner: "test-police", person: UUID(), holders: ["test-council"],
                reason: "school attendance for a child I work with", at: Date())
            // act
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("worker", "correct horse battery")
            let workerHome = try await practitioner.send(.GET, "/home").body.string
            var council = PageClient(app: app)
            _ = try await council.signIn("council-admin", "correct horse battery")
            let councilHome = try await council.send(.GET, "/home").body.string
            var police = PageClient(app: app)
            _ = try await police.signIn("police-admin", "correct horse battery")
            let policeHome = try await police.send(.GET, "/home").body.string
            // validate
            #expect(Self.item("/access-requests", in: workerHome)?.contains(#"<span class="home-count">1</span>"#) == true)
            #expect(Self.item("/access-requests", in: councilHome)?.contains("1 need attention") == true,
                    "the holder's administrator is asked to answer")
            #expect(Self.item("/access-requests", in: policeHome)?.contains("0") == true, "the requester's administrator has nothing to answer")
            #expect(Self.item("/access-requests", in: policeHome)?.contains("need attention") == false)
        }
    }

    @Test func theDPOsHomeCountsOpenRightsRequestsAndItsAuditPageFindsAUser() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "dpo", partner: "test-police", roles: ["dpo"])
            var client = PageClient(app: app)
            _ = try await client.signIn("dpo", "correct horse battery")
            let home = try await client.send(.GET, "/home").body.string
            #expect(home.contains("Data protection"))
            #expect(Self.item("/audit", in: home) != nil)

            let audit = try await client.send(.GET, "/audit")
            #expect(audit.status == .ok)
            let person = UUID()
            let toPerson = try await client.send(.GET, "/audit?person=\(person.uuidString)")
            #expect(toPerson.headers.first(name: .location) == "/audit/people/\(person.uuidString)")
            let dpo = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "dpo"))
            let toUser = try await client.send(.GET, "/audit?user=dpo")
            #expect(toUser.headers.first(name: .location) == "/audit/users/\(dpo.id.uuidString)")

            let unknown = try await client.send(.GET, "/audit?user=nobody-here")
            #expect(unknown.status == .unprocessableEntity)
            let html = unknown.body.string
            #expect(html.contains(#"<div class="error-summary""#))
            #expect(html.contains(##"<a href="#user">No account has the username or id &quot;nobody-here&quot;"##),
                    "the error summary links to the field")
            #expect(html.contains(#"id="user-error""#))
        }
    }
}
