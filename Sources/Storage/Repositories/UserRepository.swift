import Foundation
import SQLKit

/// A user account as stored; the password is only ever held as a hash.
public struct StoredUser: Sendable, Hashable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var partner: String
    public var roles: [String]
    public var passwordHash: String
    /// Set once an administrator disabled the account: it signs in no more.
    public var disabledAt: Date? = nil
    /// Set when an administrator chose the password (a new account, a
    /// reset): the person changes it before any other page.
    public var mustChangePassword = false
}

/// Creates and finds user accounts.
public struct UserRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Adds an account. `mustChangePassword` when an administrator chose the
    /// password and so knows it: the person changes it at first sign-in.
    public func create(username: String, displayName: String, partner: String, roles: [String],
                       passwordHash: String, mustChangePassword: Bool = false, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "users")
            .columns("id", "username", "display_name", "partner_slug", "roles", "password_hash", "created_at", "must_change_password")
            .values(SQLBind(id), SQLBind(username.lowercased()), SQLBind(displayName), SQLBind(partner),
                    SQLBind(roles.joined(separator: ",")), SQLBind(passwordHash), SQLBind(now), SQLBind(mustChangePassword))
            .run()
        return id
    }

    /// Replaces the password hash, and whether the person must change it
    /// before anything else (true when an administrator set it).
    public func setPassword(of id: UUID, hash: String, mustChange: Bool) async throws {
        try await sql.update("users").set("password_hash", to: hash).set("must_change_password", to: mustChange)
            .where("id", .equal, id).run()
    }

    public func find(username: String) async throws -> StoredUser? {
        try await find(where: "username", equals: username.lowercased())
    }

    public func find(id: UUID) async throws -> StoredUser? {
        try await find(where: "id", equals: id)
    }

    /// Every account holding `role` (at `partner`, when given): few, so read whole and filtered here.
    public func users(withRole role: String, partner: String? = nil) async throws -> [UUID] {
        var query = sql.select().columns("id", "roles").from("users")
        if let partner { query = query.where("partner_slug", .equal, partner) }
        return try await query.all().compactMap { row in
            let roles = try row.decode(column: "roles", as: String.self).split(separator: ",").map(String.init)
            return roles.contains(role) ? try row.decode(column: "id", as: UUID.self) : nil
        }
    }

    private func find(where column: String, equals value: some Encodable & Sendable) async throws -> StoredUser? {
        guard let row = try await sql.select()
            .columns("id", "username", "display_name", "partner_slug", "roles", "password_hash", "disabled_at", "must_change_password")
            .from("users").where(SQLIdentifier(column), .equal, SQLBind(value)).first() else { return nil }
        return try Self.user(from: row)
    }

    /// The account in a row holding the `users` columns under their own names.
    static func user(from row: any SQLRow) throws -> StoredUser {
        StoredUser(
            id: try row.decode(column: "id", as: UUID.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            partner: try row.decode(column: "partner_slug", as: String.self),
            roles: try row.decode(column: "roles", as: String.self).split(separator: ",").map(String.init),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabledAt: try row.decode(column: "disabled_at", as: Date?.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool?.self) ?? false)
    }
}
