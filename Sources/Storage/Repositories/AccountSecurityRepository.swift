import Foundation
import SQLKit

/// An API token's scope: one partner, named purposes.
public struct TokenScope: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var partner: String
    public var purposes: [String]
    public var lastUsedAt: Date?

    /// True when the last use is unknown or over a minute old: worth a write.
    public func useIsStale(at now: Date) -> Bool { lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true }
}

/// An API token as its partner's administrators see it: never the secret,
/// which is stored only as a hash.
public struct StoredToken: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var partner: String
    public var purposes: [String]
    public var createdAt: Date
    public var revokedAt: Date?
    /// To the minute at best: see ``AccountSecurityRepository/recordUse(of:at:)``.
    public var lastUsedAt: Date?

    public init(id: UUID, name: String, partner: String, purposes: [String], createdAt: Date, revokedAt: Date?,
                lastUsedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.partner = partner
        self.purposes = purposes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}

/// Lockout counters, second factors and API tokens.
public struct AccountSecurityRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// When the account is locked until, if it is locked at `now`.
    public func lockedUntil(user: UUID, now: Date) async throws -> Date? {
        let until = try await sql.select().column("locked_until").from("users").where("id", .equal, user).first()?
            .decode(column: "locked_until", as: Date?.self)
        guard let until, until > now else { return nil }
        return until
    }

    /// Counts a failed sign-in; locks the account for `lockFor` after `limit`
    /// failures in a row. Returns true when this failure locked it.
    public func recordFailure(user: UUID, limit: Int, lockFor: TimeInterval, now: Date) async throws -> Bool {
        let current = try await sql.select().column("failed_attempts").from("users").where("id", .equal, user).first()?
            .decode(column: "failed_attempts", as: Int?.self) ?? 0
        let failures = current + 1
        if failures >= limit {
            try await sql.update("users").set("failed_attempts", to: 0).set("locked_until", to: now.addingTimeInterval(lockFor))
                .where("id", .equal, user).run()
            return true
        }
        try await sql.update("users").set("failed_attempts", to: failures).where("id", .equal, user).run()
        return false
    }

    public func recordSuccess(user: UUID) async throws {
        try await sql.update("users").set("failed_attempts", to: 0).set("locked_until", to: SQLLiteral.null)
            .where("id", .equal, user).run()
    }

    /// The sealed TOTP secret, if the user has a second factor.
    public func totpSecret(user: UUID) async throws -> String? {
        try await sql.select().column("totp_secret").from("users").where("id", .equal, user).first()?
            .decode(column: "totp_secret", as: String?.self)
    }

    public func setTOTPSecret(user: UUID, sealed: String?) async throws {
        try await sql.update("users").set("totp_secret", to: sealed).set("totp_last_step", to: SQLLiteral.null)
            .where("id", .equal, user).run()
    }

    /// Claims a second-factor time step for the account: true when it is
    /// later than every step accepted before, false for a code already used
    /// (or an older one). One conditional update, so two Lantern processes
    /// given the same code at once accept it only once.
    public func claimTOTPStep(user: UUID, step: Int64) async throws -> Bool {
        let claimed = try await sql.update("users").set("totp_last_step", to: step)
            .where("id", .equal, user)
            .where { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) }
            .returning("id").all()
        return !claimed.isEmpty
    }

    public func addToken(name: String, partner: String, purposes: [String], tokenHash: String, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "api_tokens").columns("id", "name", "partner_slug", "purposes", "token_hash", "created_at")
            .values(id, name, partner, purposes.joined(separator: ","), tokenHash, now).run()
        return id
    }

    public func token(hash: String) async throws -> TokenScope? {
        guard let row = try await sql.select().columns("id", "name", "partner_slug", "purposes", "revoked_at", "last_used_at")
            .from("api_tokens").where("token_hash", .equal, hash).first(),
              try row.decode(column: "revoked_at", as: Date?.self) == nil else { return nil }
        return TokenScope(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                          partner: try row.decode(column: "partner_slug", as: String.self),
                          purposes: try row.decode(column: "purposes", as: String.self).split(separator: ",").map(String.init),
                          lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self))
    }

    /// Notes that a token was presented at `now`. Callers write only when
    /// ``TokenScope/useIsStale(at:)``, so a busy feed adds one write a minute,
    /// not one per request.
    public func recordUse(of id: UUID, at now: Date) async throws {
        try await sql.update("api_tokens").set("last_used_at", to: now).where("id", .equal, id).run()
    }

    /// Tokens of the given partners (every partner's when `nil`), newest first, revoked ones included.
    public func tokens(partners: Set<String>? = nil) async throws -> [StoredToken] {
        var query = sql.select().columns("id", "name", "partner_slug", "purposes", "created_at", "revoked_at", "last_used_at")
            .from("api_tokens")
        if let partners { query = query.where("partner_slug", .in, Array(partners)) }
        return try await query.orderBy("created_at", .descending).all().map { row in
            StoredToken(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                        partner: try row.decode(column: "partner_slug", as: String.self),
                        purposes: try row.decode(column: "purposes", as: String.self).split(separator: ",").map(String.init),
                        createdAt: try row.decode(column: "created_at", as: Date.self),
                        revokedAt: try row.decode(column: "revoked_at", as: Date?.self),
                        lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self))
        }
    }

    /// Revokes a token from `now`: the next request that presents it is
    /// refused, since ``token(hash:)`` reads the store every time. Returns
    /// false when it was already revoked (the first revocation time stands).
    public func revokeToken(id: UUID, at now: Date) async throws -> Bool {
        let active = try await sql.select().column("id").from("api_tokens").where("id", .equal, id)
            .where("revoked_at", .is, SQLLiteral.null).first() != nil
        guard active else { return false }
        try await sql.update("api_tokens").set("revoked_at", to: now).where("id", .equal, id).run()
        return true
    }
}
