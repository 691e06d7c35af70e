@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Each role lands on its home, and its navigation and its home link only to
/// pages that answer it: a link that refuses its own reader fails here.
@Suite struct NavigationTests {
    static let roles = ["practitioner", "analyst", "panel-chair", "dpo", "partner-admin", "admin", "strategic-lead"]

    /// The links in one part of a page, found by the part's opening tag.
    static func links(in html: String, between open: String, and close: String) -> [String] {
        guard let start = html.range(of: open), let end = html.range(of: close, range: start.upperBound..<html.endIndex) else { return [] }
        return html[start.upperBound..<end.lowerBound].matches(of: /href="([^"#]+)"/).map { String($0.1) }
    }

    @Test(arguments: roles)
    func everyLinkInARolesNavigationAndHomeAnswersThatRole(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "user", partner: "test-police", roles: [role])
            var client = PageClient(app: app)
            let signedIn = try await client.signIn("user", "correct horse battery")
            let landing = try #require(signedIn.headers.first(name: .location))
            #expect(landing == Navigation.landing(for: [role]))
            #expect(Navigation.links(for: [role]).contains { $0.path == landing }, "\(role) lands on a page outside its navigation")
            let page = try await client.send(.GET, "/home")
            #expect(page.status == .ok, "\(role)'s home answered \(page.status.code)")
            let nav = Self.links(in: page.body.string, between: #"<nav class="nav" aria-label="Main">"#, and: "</nav>")
            let home = Self.links(in: page.body.string, between: #"<main id="main""#, and: "</main>")
            #expect(nav.count > 1, "\(role) is offered no page but home")
            #expect(!home.isEmpty, "\(role)'s home links to no work")
            for link in Set(nav + home) {
                let page = try await client.send(.GET, link)
                #expect(page.status == .ok, "\(role)'s navigation or home links to \(link), which answered \(page.status.code)")
            }
        }
    }
}
