@testable import App
import Foundation
import Policy
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A person who is refused, or meets any other error, gets a page in the
/// layout that says why and what to do; the API gets a JSON problem body;
/// and every refusal comes from the one catalogue (``Refusal``), naming the
/// real reason for the route refused.
@Suite struct RefusalCatalogueTests {
    static let browser: HTTPHeaders = ["Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]

    /// Who is refused which page, and with which entry of the catalogue.
    static let refusals: [(role: String, path: String, refusal: App.Refusal)] = [
        ("practitioner", "/case-finding", .caseFindingNotForRole),
        ("dpo", "/case-finding", .caseFindingNotForRole),
        ("practitioner", "/review", .linkageReviewNotForRole),
        ("admin", "/people", .caseDataNotForRole),
        ("partner-admin", "/people", .caseDataNotForRole),
        ("practitioner", "/audit/unusual", .policy(Capability.readAudit.decide(for: requester("practitioner"))!)),
        ("analyst", "/rights-requests", .policy(Capability.answerRightsRequests.decide(for: requester("analyst"))!)),
        ("practitioner", "/breaches", .policy(Capability.manageBreaches.decide(for: requester("practitioner"))!)),
        ("practitioner", "/tokens", .policy(Capability.manageAccounts.decide(for: requester("practitioner"), partner: "test-police")!)),
        ("dpo", "/webhooks", .policy(Capability.manageFeeds.decide(for: requester("dpo"), partner: "test-police")!)),
        ("analyst", "/partner-disclosures", .partnerDisclosureNotForRole),
    ]

    static func requester(_ role: String) -> Requester {
        Requester(userID: "u", partner: "test-police", roleNames: [role])
    }

    /// Leaf escapes what it prints; the page holds the reason escaped.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test(arguments: refusals.indices)
    func aRefusedPageIsInTheLayoutAndNamesItsReason(_ index: Int) async throws {
        let (role, path, refusal) = Self.refusals[index]
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "user", partner: "test-police", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            // act
            let page = try await client.send(.GET, path, headers: Self.browser)
            // validate
            let html = page.body.string
            #expect(page.status == .forbidden, "\(role) \(path) answered \(page.status.code)")
            #expect(page.headers.contentType?.subType == "html", "\(role) \(path) is not a page")
            #expect(html.contains(#"<nav class="nav" aria-label="Main">"#), "\(role) \(path): no layout")
            #expect(html.contains(#"data-code="\#(refusal.code)""#), "\(role) \(path): not \(refusal.code)")
            #expect(html.contains(Self.escaped(refusal.reason)), "\(role) \(path): the reason is not \(refusal.reason)")
            #expect(html.contains(Self.escaped(refusal.nextStep)), "\(role) \(path): no next step")
            #expect(html.contains(#"href="/home""#), "\(role) \(path): no way home")
        }
    }

    @Test func theAPIRefusesWithAJSONProblemAndItsCode() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "user", partner: "test-police", roles: ["practitioner"])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            let response = try await client.send(.GET, "/api/v1/case-finding", headers: Self.browser)
            #expect(response.status == .forbidden)
            let body = try response.content.decode(APIError.self)
            #expect(body.code == App.Refusal.caseFindingNotForRole.code)
            #expect(body.error == App.Refusal.caseFindingNotForRole.reason)

            let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/case-finding")
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.content.decode(APIError.self).code == App.Refusal.notSignedIn.code)
        }
    }

    @Test func aMissingPageSaysSoInTheLayoutAndTheAPISaysSoInJSON() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "user", partner: "test-police", roles: ["practitioner"])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            let page = try await client.send(.GET, "/no-such-page", headers: Self.browser)
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("<h1>Page not found</h1>"))
            #expect(page.body.string.contains(#"<nav class="nav" aria-label="Main">"#))
            #expect(page.body.string.contains(#"href="/home""#))
            let api = try await client.send(.GET, "/api/v1/no-such-thing", headers: Self.browser)
            #expect(api.status == .notFound)
            #expect(try api.content.decode(APIError.self).error == "no such page")
        }
    }

    @Test func detailsToCorrectAreA422PageThatSaysWhatToCorrect() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "admin", partner: "test-police", roles: ["admin"])
            var client = PageClient(app: app)
            _ = try await client.signIn("admin", "correct horse battery")
            _ = try await client.send(.GET, "/tokens")
            let page = try await client.send(.POST, "/tokens", form: ["csrf": client.csrf ?? "", "partner": "nowhere", "name": "Feed"],
                                             headers: Self.browser)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("<h1>Some details need correcting</h1>"))
            #expect(page.body.string.contains("No partner is called &quot;nowhere&quot;"))
        }
    }

    struct Breakdown: Error {}

    @Test func aFailureIsA500PageThatLeaksNothing() async throws {
        try await withApp(.sqlite) { app in
            app.get("test-breakdown") { _ -> String in throw Breakdown() }
            let page = try await app.testing().sendRequest(.GET, "/test-breakdown", headers: Self.browser)
            #expect(page.status == .internalServerError)
            #expect(page.body.string.contains("<h1>Sorry, something went wrong</h1>"))
            #expect(!page.body.string.contains("Breakdown"))
            #expect(page.body.string.contains(#"href="/sign-in""#), "no one is signed in: the way back is the sign-in page")
            let json = try await app.testing().sendRequest(.GET, "/test-breakdown", headers: ["Accept": "application/json"])
            #expect(json.status == .internalServerError)
            #expect(try json.content.decode(APIError.self).error == "something went wrong: the error has been logged")
        }
    }
}
