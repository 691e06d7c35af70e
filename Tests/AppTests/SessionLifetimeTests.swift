@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct SessionLifetimeTests {
    /// (minutes since sign-in, minutes since the last request, still signed in?)
    @Test(arguments: [(0.0, 0.0, true), (29.0, 29.0, true), (31.0, 31.0, false), (300.0, 10.0, true),
                      (719.0, 1.0, true), (721.0, 1.0, false), (721.0, 0.0, false)])
    func aSessionEndsAfterThirtyIdleMinutesOrTwelveHours(_ sinceSignIn: Double, _ sinceSeen: Double, _ live: Bool) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var data = SessionData()
        SessionLifetime.start(&data, now: now.addingTimeInterval(-sinceSignIn * 60))
        data[SessionLifetime.seenKey] = String(Int(now.addingTimeInterval(-sinceSeen * 60).timeIntervalSince1970))
        #expect((SessionLifetime.standard.ended(data, now: now) == nil) == live)
    }

    @Test func aSessionWithoutASignInTimeHasEnded() {
        var data = SessionData()
        data["user"] = UUID().uuidString
        #expect(SessionLifetime.standard.ended(data, now: Date()) != nil)
    }

    @Test func requestsKeepASessionAliveWritingAtMostOnceAMinute() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var data = SessionData()
        SessionLifetime.start(&data, now: start)
        SessionLifetime.touch(&data, now: start.addingTimeInterval(30))
        #expect(data[SessionLifetime.seenKey] == String(Int(start.timeIntervalSince1970)))
        SessionLifetime.touch(&data, now: start.addingTimeInterval(25 * 60))
        #expect(SessionLifetime.standard.ended(data, now: start.addingTimeInterval(50 * 60)) == nil, "seen 25 minutes before")
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
            let past = Date().addingTimeInterval(expiry == .idle ? -(SessionLifetime.standard.idle + 60) : -(SessionLifetime.standard.absolute + 60))
            try await StoredSessionTests.rewrite(app, cookie: cookie) { data in
                data[SessionLifetime.seenKey] = String(Int(past.timeIntervalSince1970))
                if expiry == .tooOld { data[SessionLifetime.signedInKey] = data[SessionLifetime.seenKey] }
            }
            // act
            let page = try await app.testing().sendRequest(.GET, "/people", headers: ["Cookie": cookie])
            let api = try await app.testing().sendRequest(.GET, "/api/v1/audit/heads", headers: ["Cookie": cookie])
            // validate
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location) == "/sign-in?timed-out=\(expiry == .idle ? "idle" : "absolute")")
            #expect(api.status == .unauthorized)
            #expect(try await StoredSessionTests.stored(app, cookie: cookie) == nil, "the session is deleted, not just refused")
        }
    }

    /// The limits come from the configuration, and the sign-in page says
    /// which one ended the session.
    @Test func configuredLimitsEndASessionAndTheSignInPageSaysWhy() async throws {
        try await withApp(.sqlite, configuration: { $0.sessionIdleMinutes = 10; $0.sessionHours = 2 }) { app in
            // setup
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let cookie = try #require(client.cookie)
            #expect(app.sessionLifetime == SessionLifetime(idle: 600, absolute: 7200))
            try await StoredSessionTests.rewrite(app, cookie: cookie) { data in
                data[SessionLifetime.seenKey] = String(Int(Date().addingTimeInterval(-11 * 60).timeIntervalSince1970))
            }
            // act
            let page = try await app.testing().sendRequest(.GET, "/home", headers: ["Cookie": cookie])
            let signIn = try await app.testing().sendRequest(.GET, "/sign-in?timed-out=idle")
            let tooOld = try await app.testing().sendRequest(.GET, "/sign-in?timed-out=absolute")
            // validate
            #expect(page.headers.first(name: .location) == "/sign-in?timed-out=idle", "11 idle minutes are over the 10 configured")
            #expect(signIn.body.string.contains("You were signed out after 10 minutes without using Lantern."))
            #expect(tooOld.body.string.contains("sessions last at most 2 hours"))
            #expect(LanternConfiguration.fromEnvironment(["LANTERN_SESSION_IDLE_MINUTES": "15", "LANTERN_SESSION_HOURS": "9"]).sessionHours == 9)
            #expect(LanternConfiguration.fromEnvironment([:]).sessionHours == 12)
            #expect(LanternConfiguration.fromEnvironment([:]).sessionIdleMinutes == 30)
        }
    }
}
