@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Sessions live in the store, keyed by a hash of the cookie, so every
/// Lantern process on one database shares them; on SQLite and PostgreSQL.
@Suite struct StoredSessionTests {
    /// The stored session behind a `lantern-session=...` cookie header, if any.
    static func stored(_ app: Application, cookie: String) async throws -> StoredSession? {
        try await SessionRepository(database: app.db as! any SQLDatabase).find(hash: hash(cookie))
    }

    /// Changes a stored session's data as if time had passed, keeping its expiry consistent.
    static func rewrite(_ app: Application, cookie: String, _ change: (inout [String: String]) -> Void) async throws {
        var session = try #require(try await stored(app, cookie: cookie))
        change(&session.data)
        session.expiresAt = Int64(app.sessionLifetime.expiry(SessionData(initialData: session.data), now: Date()).timeIntervalSince1970)
        session.seenAt = session.data[SessionLifetime.seenKey].flatMap(Int64.init) ?? session.seenAt
        try await SessionRepository(database: app.db as! any SQLDatabase).update(hash: hash(cookie), session)
    }

    static func hash(_ cookie: String) -> String {
        StoredSessions.hash(SessionID(string: String(cookie.dropFirst("lantern-session=".count))))
    }

    static func rows(_ app: Application) async throws -> [(hash: String, data: String, user: UUID?)] {
        try await (app.db as! any SQLDatabase).select().columns("id_hash", "data", "user_id").from("sessions").all().map {
            (try $0.decode(column: "id_hash", as: String.self), try $0.decode(column: "data", as: String.self),
             try $0.decode(column: "user_id", as: UUID?.self))
        }
    }

    @Test(arguments: TestStore.available)
    func theStoreHoldsTheSessionUnderAHashNeverTheCookieValue(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "pat")
            let pat = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "pat"))
            var client = PageClient(app: app)
            // act
            _ = try await client.signIn("pat", "correct horse battery")
            // validate
            let cookie = try #require(client.cookie)
            let raw = String(cookie.dropFirst("lantern-session=".count))
            let rows = try await Self.rows(app)
            #expect(rows.contains { $0.hash == Self.hash(cookie) && $0.user == pat.id })
            #expect(!rows.contains { $0.hash.contains(raw) || $0.data.contains(raw) }, "the cookie value is nowhere in the store")
            let session = try #require(try await Self.stored(app, cookie: cookie))
            #expect(session.expiresAt == min(session.createdAt + 12 * 3600, session.seenAt + 30 * 60))
            #expect(try await client.send(.GET, "/people").status == .ok)
        }
    }

    @Test(arguments: TestStore.available)
    func signingOutEndsTheSessionInTheStore(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let cookie = try #require(client.cookie)
            #expect(try await Self.stored(app, cookie: cookie) != nil)
            // act
            _ = try await client.send(.POST, "/sign-out", form: ["csrf": client.csrf ?? ""])
            // validate
            #expect(try await Self.stored(app, cookie: cookie) == nil)
            var replay = PageClient(app: app)
            replay.cookie = cookie
            #expect(try await replay.send(.GET, "/people").headers.first(name: .location) == "/sign-in")
        }
    }

    @Test(arguments: TestStore.available)
    func disablingAnAccountDeletesEverySessionOfItAtOnce(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "sysadmin", partner: "test-police", roles: ["admin"])
            try await addUser(app, "pat")
            let sql = app.db as! any SQLDatabase
            let pat = try #require(try await UserRepository(database: sql).find(username: "pat"))
            var laptop = PageClient(app: app), phone = PageClient(app: app)
            _ = try await laptop.signIn("pat", "correct horse battery")
            _ = try await phone.signIn("pat", "correct horse battery")
            #expect(try await SessionRepository(database: sql).count(of: pat.id) == 2)
            var admin = PageClient(app: app)
            _ = try await admin.signIn("sysadmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            // act
            _ = try await admin.send(.POST, "/users/\(pat.id.uuidString)/disable", form: ["csrf": admin.csrf ?? ""])
            // validate: gone from the store before either is used again
            #expect(try await SessionRepository(database: sql).count(of: pat.id) == 0)
            #expect(try await laptop.send(.GET, "/people").headers.first(name: .location) == "/sign-in")
            #expect(try await phone.send(.GET, "/api/v1/audit/heads").status == .unauthorized)
            let reason = try await sql.select().column("reason").from("audit_entries").where("resource", .equal, "account:disable")
                .first()?.decode(column: "reason", as: String.self)
            #expect(reason == "account disabled: its 2 session(s) ended")
        }
    }

    @Test(arguments: TestStore.available)
    func aVisitorHoldingNothingAndAForgedCookieStoreNothing(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // act
            var forged = PageClient(app: app)
            forged.cookie = "lantern-session=" + [UInt8].random(count: 32).base64
            let refused = try await forged.send(.GET, "/people")
            _ = try await app.testing().sendRequest(.GET, "/accessibility")
            // validate
            #expect(refused.headers.first(name: .location) == "/sign-in")
            #expect(try await Self.rows(app).isEmpty)
            // A form's anti-forgery token must be kept: that session is stored, with no user.
            var visitor = PageClient(app: app)
            _ = try await visitor.send(.GET, "/sign-in")
            #expect(try await Self.rows(app).map(\.user) == [nil])
        }
    }

    @Test(arguments: TestStore.available)
    func sessionsEndedOverADayAgoArePurgedAndRecentOnesStillSayWhyTheyEnded(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: two sessions that ended, one two days ago and one an hour ago
            try await addUser(app, "pat")
            let sessions = SessionRepository(database: app.db as! any SQLDatabase)
            let now = Int64(Date().timeIntervalSince1970)
            let signedIn = now - 13 * 3600
            let data = ["user": UUID().uuidString, SessionLifetime.signedInKey: String(signedIn), SessionLifetime.seenKey: String(now - 3600)]
            try await sessions.create(hash: "old", StoredSession(userID: nil, data: data, createdAt: now - 3 * 86400,
                                                                 seenAt: now - 3 * 86400, expiresAt: now - 2 * 86400))
            let recent = SessionID(string: "recent-session")
            try await sessions.create(hash: StoredSessions.hash(recent), StoredSession(userID: nil, data: data, createdAt: signedIn,
                                                                                       seenAt: now - 3600, expiresAt: now - 3000))
            // act: the first new session on this process purges
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            // validate
            #expect(try await sessions.find(hash: "old") == nil)
            let ended = try await app.testing().sendRequest(.GET, "/home", headers: ["Cookie": "lantern-session=recent-session"])
            #expect(ended.headers.first(name: .location) == "/sign-in?timed-out=absolute", "its times remain; its user does not")
            #expect(try await sessions.find(hash: StoredSessions.hash(recent)) == nil, "and then it is deleted")
        }
    }
}
