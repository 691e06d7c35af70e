@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct SessionLifetimeTests {
    /// (minutes since sign-in, minutes since the last request, still signed in?)
    @Test(arguments: [(0.0, 0.0, true), (29.0, 29.0, true), (31.0, 31.0, false), (300.0, 10.0, true),
                      (479.0, 1.0, true), (481.0, 1.0, false), (481.0, 0.0, false)])
    func aSessionEndsAfterThirtyIdleMinutesOrEightHours(_ sinceSignIn: Double, _ sinceSeen: Double, _ live: Bool) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var data = SessionData()
        SessionLifetime.start(&data, now: now.addingTimeInterval(-sinceSignIn * 60))
        data[SessionLifetime.seenKey] = String(Int(now.addingTimeInterval(-sinceSeen * 60).timeIntervalSince1970))
        #expect((SessionLifetime.ended(data, now: now) == nil) == live)
    }

    @Test func aSessionWithoutASignInTimeHasEnded() {
        var data = SessionData()
        data["user"] = UUID().uuidString
        #expect(SessionLifetime.ended(data, now: Date()) != nil)
    }

    @Test func requestsKeepASessionAliveWritingAtMostOnceAMinute() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var data = SessionData()
        SessionLifetime.start(&data, now: start)
        SessionLifetime.touch(&data, now: start.addingTimeInterval(30))
        #expect(data[SessionLifetime.seenKey] == String(Int(start.timeIntervalSince1970)))
        SessionLifetime.touch(&data, now: start.addingTimeInterval(25 * 60))
        #expect(SessionLifetime.ended(data, now: start.addingTimeInterval(50 * 60)) == nil, "seen 25 minutes before")
    }

    enum Expiry: String, CaseIterable, CustomTestStringConvertible {
        case idle, tooOld
        var testDescription: String { rawValue }
    }

    /// End to end: the server, not the browser, ends the session, so the same
    /// cookie stays refused on pages and the API.
    @Test(arguments: Expiry.allCases)
    func anExpiredSessionIsEndedOnTheServer(_ expiry: Expiry) async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            #expect(try await client.send(.GET, "/people").status == .ok)
            let cookie = try #require(client.cookie)
            let id = SessionID(string: String(cookie.dropFirst("lantern-session=".count)))
            var data = try #require(app.sessions.memory.storage.sessions[id])
            let past = Date().addingTimeInterval(expiry == .idle ? -(SessionLifetime.idle + 60) : -(SessionLifetime.absolute + 60))
            data[SessionLifetime.seenKey] = String(Int(past.timeIntervalSince1970))
            if expiry == .tooOld { data[SessionLifetime.signedInKey] = data[SessionLifetime.seenKey] }
            app.sessions.memory.storage.sessions[id] = data
            // act
            let page = try await app.testing().sendRequest(.GET, "/people", headers: ["Cookie": cookie])
            let api = try await app.testing().sendRequest(.GET, "/api/v1/audit/heads", headers: ["Cookie": cookie])
            // validate
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location) == "/sign-in")
            #expect(api.status == .unauthorized)
            #expect(app.sessions.memory.storage.sessions[id] == nil, "the session is deleted, not just refused")
        }
    }
}
