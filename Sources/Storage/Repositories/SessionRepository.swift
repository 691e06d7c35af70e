import Foundation
import SQLKit

/// One stored session: whose it is, what it holds and when it ends. Times
/// are seconds since 1970 UTC.
public struct StoredSession: Sendable, Hashable {
    public var userID: UUID?
    public var data: [String: String]
    public var createdAt: Int64
    public var seenAt: Int64
    public var expiresAt: Int64

    public init(userID: UUID?, data: [String: String], createdAt: Int64, seenAt: Int64, expiresAt: Int64) {
        self.userID = userID
        self.data = data
        self.createdAt = createdAt
        self.seenAt = seenAt
        self.expiresAt = expiresAt
    }
}

/// Sessions shared by every Lantern process on one store, keyed by the
/// SHA-256 of the cookie's id (the caller hashes; the raw id never reaches
/// the store). Use it through the session driver; administrators' actions
/// use ``endAll(of:)`` to end a person's sessions at once.
public struct SessionRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func create(hash: String, _ session: StoredSession) async throws {
        try await sql.insert(into: "sessions")
            .columns("id_hash", "user_id", "data", "created_at", "seen_at", "expires_at")
            .values(SQLBind(hash), SQLBind(session.userID), SQLBind(try Self.encode(session.data)),
                    SQLBind(session.createdAt), SQLBind(session.seenAt), SQLBind(session.expiresAt))
            .run()
    }

    /// The session with this hash, expired or not (the caller decides what an
    /// expired one means), or nil when there is none: never made, ended, purged.
    public func find(hash: String) async throws -> StoredSession? {
        guard let row = try await sql.select().columns("user_id", "data", "created_at", "seen_at", "expires_at")
            .from("sessions").where("id_hash", .equal, hash).first() else { return nil }
        return StoredSession(userID: try row.decode(column: "user_id", as: UUID?.self),
                             data: try Self.decode(try row.decode(column: "data", as: String.self)),
                             createdAt: try row.decode(column: "created_at", as: Int64.self),
                             seenAt: try row.decode(column: "seen_at", as: Int64.self),
                             expiresAt: try row.decode(column: "expires_at", as: Int64.self))
    }

    /// The session with this hash, as ``find(hash:)`` gives it, and the
    /// account it names (nil when it names none, or one that no longer
    /// exists) in the same read: every signed-in request needs both.
    public func findWithUser(hash: String) async throws -> (session: StoredSession, user: StoredUser?)? {
        guard let row = try await sql.preparedRows(SessionWithUserRead.self, [hash]).first else { return nil }
        let session = StoredSession(userID: try row.decode(column: "user_id", as: UUID?.self),
                                    data: try Self.decode(try row.decode(column: "data", as: String.self)),
                                    createdAt: try row.decode(column: "created_at", as: Int64.self),
                                    seenAt: try row.decode(column: "seen_at", as: Int64.self),
                                    expiresAt: try row.decode(column: "expires_at", as: Int64.self))
        let user = try row.decode(column: "id", as: UUID?.self) == nil ? nil : try UserRepository.user(from: row)
        return (session, user)
    }

    /// Rewrites a session that still exists; one ended meanwhile (signed out
    /// or revoked by another process) stays ended. False when there was none.
    @discardableResult
    public func update(hash: String, _ session: StoredSession) async throws -> Bool {
        guard try await sql.select().column("id_hash").from("sessions").where("id_hash", .equal, hash).first() != nil else {
            return false
        }
        try await sql.update("sessions")
            .set("user_id", to: SQLBind(session.userID)).set("data", to: try Self.encode(session.data))
            .set("seen_at", to: session.seenAt).set("expires_at", to: session.expiresAt)
            .where("id_hash", .equal, hash).run()
        return true
    }

    public func delete(hash: String) async throws {
        try await sql.delete(from: "sessions").where("id_hash", .equal, hash).run()
    }

    /// Ends every session of the account at once: disabled, or its password reset.
    /// Returns how many there were.
    @discardableResult
    public func endAll(of user: UUID) async throws -> Int {
        let count = try await self.count(of: user)
        try await sql.delete(from: "sessions").where("user_id", .equal, user).run()
        return count
    }

    /// Ends every session of the account but `kept` (the one that changed
    /// the password, say). Returns how many ended.
    @discardableResult
    public func endAll(of user: UUID, except kept: String) async throws -> Int {
        let others = try await sql.select().column("id_hash").from("sessions").where("user_id", .equal, user)
            .where("id_hash", .notEqual, kept).all().count
        try await sql.delete(from: "sessions").where("user_id", .equal, user).where("id_hash", .notEqual, kept).run()
        return others
    }

    /// The account's sessions still in force at `now`, newest first, by hash.
    public func live(of user: UUID, at now: Int64) async throws -> [(hash: String, session: StoredSession)] {
        var found: [(hash: String, session: StoredSession)] = []
        for row in try await sql.select().column("id_hash").from("sessions").where("user_id", .equal, user)
            .where("expires_at", .greaterThan, now).all() {
            let hash = try row.decode(column: "id_hash", as: String.self)
            if let session = try await find(hash: hash) { found.append((hash, session)) }
        }
        return found.sorted { $0.session.createdAt > $1.session.createdAt }
    }

    /// Ends one session, only if it is the account's own; true when it was.
    public func delete(hash: String, of user: UUID) async throws -> Bool {
        guard try await sql.select().column("id_hash").from("sessions").where("id_hash", .equal, hash)
            .where("user_id", .equal, user).first() != nil else { return false }
        try await sql.delete(from: "sessions").where("id_hash", .equal, hash).where("user_id", .equal, user).run()
        return true
    }

    /// Sessions the account holds now, ended or not yet purged.
    public func count(of user: UUID) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
            .where("user_id", .equal, user).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Deletes sessions that ended before `cutoff`; returns how many.
    @discardableResult
    public func purge(endedBefore cutoff: Int64) async throws -> Int {
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
            .where("expires_at", .lessThan, cutoff).first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 { try await sql.delete(from: "sessions").where("expires_at", .lessThan, cutoff).run() }
        return count
    }

    static func encode(_ data: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [String: String] {
        do { return try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) } catch {
            throw StorageError.corrupt("session")
        }
    }
}

/// ``SessionRepository/findWithUser(hash:)``'s read: every signed-in request makes it.
private enum SessionWithUserRead: PreparedReadText {
    static let name = "session_with_user"
    static let columns = """
        s.user_id AS user_id, s.data AS data, s.created_at AS created_at, s.seen_at AS seen_at, s.expires_at AS expires_at,
        u.id AS id, u.username AS username, u.display_name AS display_name, u.partner_slug AS partner_slug, u.roles AS roles,
        u.password_hash AS password_hash, u.disabled_at AS disabled_at, u.must_change_password AS must_change_password
        """
    static let postgresSQL = "SELECT \(columns) FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 LIMIT 1"
}
