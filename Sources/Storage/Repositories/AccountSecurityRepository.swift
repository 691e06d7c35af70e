import Foundation
import SQLKit

/// An API token's scope: one partner, named purposes.
public struct TokenScope: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var partner: String
    public var purposes: [String]
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
        try await sql.update("users").set("totp_secret", to: sealed).where("id", .equal, user).run()
    }

    public func addToken(name: String, partner: String, purposes: [String], tokenHash: String, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "api_tokens").columns("id", "name", "partner_slug", "purposes", "token_hash", "created_at")
            .values(id, name, partner, purposes.joined(separator: ","), tokenHash, now).run()
        return id
    }

    public func token(hash: String) async throws -> TokenScope? {
        guard let row = try await sql.select().columns("id", "name", "partner_slug", "purposes", "revoked_at")
            .from("api_tokens").where("token_hash", .equal, hash).first(),
              try row.decode(column: "revoked_at", as: Date?.self) == nil else { return nil }
        return TokenScope(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                          partner: try row.decode(column: "partner_slug", as: String.self),
                          purposes: try row.decode(column: "purposes", as: String.self).split(separator: ",").map(String.init))
    }
}
