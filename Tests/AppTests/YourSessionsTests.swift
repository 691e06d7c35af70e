@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct YourSessionsTests {
    static let firefox: HTTPHeaders = ["User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"]
    static let chrome: HTTPHeaders = ["User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"]

    func signIn(_ app: Application, _ username: String, _ headers: HTTPHeaders) async throws -> PageClient {
        var client = PageClient(app: app)
        _ = try await client.send(.GET, "/sign-in", headers: headers)
        let response = try await client.send(.POST, "/sign-in", form: ["username": username, "password": "correct horse battery",
                                                                         "csrf": client.csrf ?? ""], headers: headers)
        #expect(response.status == .seeOther)
        return client
    }

    @Test(arguments: TestStore.available)
    func aPersonSeesTheirOwnSessionsAndEndsOneOrAllOthers(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await addUser(app, "pat")
            try await addUser(app, "alex")
            var desk = try await signIn(app, "pat", Self.firefox)
            var laptop = try await signIn(app, "pat", Self.chrome)
            var phone = try await signIn(app, "pat", Self.chrome)
            var alex = try await signIn(app, "alex", Self.firefox)

            let page = try await desk.send(.GET, "/account/sessions").body.string
            #expect(page.contains("Firefox on Windows") && page.contains("Chrome on Linux"))
            #expect(page.components(separatedBy: "name=\"session\"").count - 1 == 2, "two other sessions, each with an end button")
            #expect(page.components(separatedBy: "id=\"this-session\"").count - 1 == 1)
            let alexPage = try await alex.send(.GET, "/account/sessions").body.string
            #expect(!alexPage.contains("Chrome on Linux"), "only the caller's own sessions are listed")

            // Alex cannot end Pat's session by sending its handle.
            let handles = page.components(separatedBy: "name=\"session\" value=\"").dropFirst().map { String($0.prefix(64)) }
            _ = try await alex.send(.POST, "/account/sessions/end", form: ["csrf": alex.csrf ?? "", "session": handles[0]])
            #expect(try await desk.send(.GET, "/account/sessions").body.string.components(separatedBy: "name=\"session\"").count - 1 == 2)

            // Pat ends one: that browser is signed out.
            let ended = try await desk.send(.POST, "/account/sessions/end", form: ["csrf": desk.csrf ?? "", "session": handles[0]])
            #expect(ended.status == .seeOther)
            let stillIn = [try await laptop.send(.GET, "/home").status, try await phone.send(.GET, "/home").status]
            #expect(stillIn.filter { $0 == .ok }.count == 1, "exactly the ended one is signed out")

            // Then all others: only the desk is signed in.
            let others = try await desk.send(.POST, "/account/sessions/end-others", form: ["csrf": desk.csrf ?? ""])
            #expect(others.status == .seeOther)
            #expect(try await laptop.send(.GET, "/home").status == .seeOther)
            #expect(try await phone.send(.GET, "/home").status == .seeOther)
            #expect(try await desk.send(.GET, "/home").status == .ok)
            #expect(try await alex.send(.GET, "/home").status == .ok, "another person's sessions are untouched")

            let reasons = try await (app.db as! any SQLDatabase).select().column("reason").from("audit_entries").all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(reasons.filter { $0 == "ended one of their own sessions" }.count == 1)
            #expect(reasons.contains("ended all their other sessions"))
        }
    }

    @Test func theBrowserSummaryNamesBrowserAndSystem() {
        #expect(BrowserSummary.of(Self.firefox.first(name: .userAgent)) == "Firefox on Windows")
        #expect(BrowserSummary.of(Self.chrome.first(name: .userAgent)) == "Chrome on Linux")
        #expect(BrowserSummary.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1") == "Safari on iOS")
        #expect(BrowserSummary.of(nil) == "Unknown browser")
    }
}
