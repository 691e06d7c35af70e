import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Each role lands on a page it may use, and its navigation links only to
/// pages that answer it: a link that refuses its own reader fails here.
@Suite struct NavigationTests {
    static let roles = ["practitioner", "analyst", "panel-chair", "dpo", "partner-admin", "admin", "strategic-lead"]

    @Test(arguments: roles)
    func everyLinkInARolesNavigationAnswersThatRole(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "user", partner: "test-police", roles: [role])
            var client = PageClient(app: app)
            let signedIn = try await client.signIn("user", "correct horse battery")
            #expect(signedIn.headers.first(name: .location) == "/home")
            let home = try #require(try await client.send(.GET, "/home").headers.first(name: .location))
            let landing = try await client.send(.GET, home)
            #expect(landing.status == .ok, "\(role) lands on \(home), which answered \(landing.status.code)")
            let nav = try #require(landing.body.string.range(of: #"<nav class="nav" aria-label="Main">(.*?)</nav>"#, options: .regularExpression))
            let links = landing.body.string[nav].matches(of: /href="([^"]+)"/).map { String($0.1) }
            #expect(!links.isEmpty, "\(role) is offered no page")
            for link in links {
                let page = try await client.send(.GET, link)
                #expect(page.status == .ok, "\(role)'s navigation links to \(link), which answered \(page.status.code)")
            }
        }
    }
}
