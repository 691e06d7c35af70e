import Crypto
import Foundation
import NIOConcurrencyHelpers
import Storage
import Vapor

/// Vapor's session driver over the store (``SessionRepository``), so that
/// every Lantern process on one database knows every session: sign in on
/// one, carry on on another, sign out anywhere and it ends everywhere.
///
/// Contract: the store keys a session by the SHA-256 of its cookie id, never
/// the id itself. A session holding nothing (a visitor who has not yet
/// loaded a form) is not stored at all. A session is written only when its
/// data changed (``SessionLifetime/touch(_:now:)`` changes it at most once a
/// minute), and an update never brings back a session another process ended.
/// A session past its limits is kept a day, holding only its times, so the
/// sign-in page can still say which limit ended it; then it is purged.
struct StoredSessions: AsyncSessionDriver {
    let lifetime: SessionLifetime
    /// When this process last purged ended sessions: at most once a minute.
    private let lastPurge = NIOLockedValueBox<Date>(.distantPast)

    /// How long an ended session is kept (times only) before it is purged.
    static let keepEnded: TimeInterval = 24 * 3600

    init(lifetime: SessionLifetime) { self.lifetime = lifetime }

    static func hash(_ id: SessionID) -> String {
        SHA256.hash(data: Data(id.string.utf8)).lowercaseHex
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: [UInt8].random(count: 32).base64)
        let now = Date()
        try await purgeIfDue(request, now: now)
        guard !data.snapshot.isEmpty else { return id }
        try await SessionRepository(database: try request.sql()).create(hash: Self.hash(id), stored(data, created: now, now: now))
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        // The account comes in the same read, for ``RequireCaller`` (``Request/accountReadWithSession(_:)``).
        guard let (session, user) = try await SessionRepository(database: try request.sql()).findWithUser(hash: Self.hash(sessionID)) else {
            return nil
        }
        request.storage[AccountKey.self] = .init(userID: session.userID, user: user)
        var data = SessionData(initialData: session.data)
        if session.expiresAt <= Int64(Date().timeIntervalSince1970) {
            // Past its limits: nothing in it may be used, but its times say which limit ended it.
            data = SessionData(initialData: session.data.filter { [SessionLifetime.signedInKey, SessionLifetime.seenKey].contains($0.key) })
            if data.snapshot.isEmpty { return nil }
        }
        request.storage[ReadKey.self] = .init(id: sessionID.string, data: data, createdAt: session.createdAt)
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let read = request.storage[ReadKey.self]
        guard read?.id == sessionID.string else {
            // Not read on this request (its id was just set): store it as new.
            return try await createSession(data, for: request)
        }
        if read?.data == data { return sessionID }
        let repository = SessionRepository(database: try request.sql())
        if data.snapshot.isEmpty {
            try await repository.delete(hash: Self.hash(sessionID))
            return sessionID
        }
        let created = Date(timeIntervalSince1970: TimeInterval(read?.createdAt ?? Int64(Date().timeIntervalSince1970)))
        try await repository.update(hash: Self.hash(sessionID), stored(data, created: created, now: Date()))
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRepository(database: try request.sql()).delete(hash: Self.hash(sessionID))
    }

    private func stored(_ data: SessionData, created: Date, now: Date) -> StoredSession {
        let seen = data[SessionLifetime.seenKey].flatMap(Int64.init) ?? Int64(now.timeIntervalSince1970)
        return StoredSession(userID: data["user"].flatMap(UUID.init(uuidString:)), data: data.snapshot,
                             createdAt: Int64(created.timeIntervalSince1970), seenAt: seen,
                             expiresAt: Int64(lifetime.expiry(data, now: now).timeIntervalSince1970))
    }

    private func purgeIfDue(_ request: Request, now: Date) async throws {
        let due = lastPurge.withLockedValue { last in
            guard now.timeIntervalSince(last) >= 60 else { return false }
            last = now
            return true
        }
        guard due else { return }
        try await SessionRepository(database: try request.sql())
            .purge(endedBefore: Int64(now.addingTimeInterval(-Self.keepEnded).timeIntervalSince1970))
        try await BreakGlassGrantRepository(database: try request.sql())
            .purge(expiredBefore: Int64(now.addingTimeInterval(-Self.keepEnded).timeIntervalSince1970))
    }

    /// The account the session named, as read with it.
    struct ReadAccount: Sendable { var userID: UUID?; var user: StoredUser? }
    struct AccountKey: StorageKey { typealias Value = ReadAccount }

    /// What this request read, so an unchanged session is not written back.
    private struct ReadSession: Sendable { var id: String; var data: SessionData; var createdAt: Int64 }
    private struct ReadKey: StorageKey { typealias Value = ReadSession }
}

extension Sequence<UInt8> {
    /// The bytes as lowercase hex, two digits each: the same text as
    /// `String(format: "%02x")` per byte, without a formatter per byte (it runs on every request).
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Request {
    /// The account `id` as read with this request's session, when the session
    /// named that account: `.some(nil)` when it no longer exists; nil when
    /// the session was not read here or named another, so ask the store.
    func accountReadWithSession(_ id: UUID) -> StoredUser?? {
        guard let read = storage[StoredSessions.AccountKey.self], read.userID == id else { return nil }
        return .some(read.user)
    }
}
