import Foundation
import SQLKit

/// An account as its administrator sees it: never the password hash or the
/// second-factor secret, only whether there is one.
public struct ManagedAccount: Sendable, Hashable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var partner: String
    public var roles: [String]
    public var lastSignInAt: Date?
    public var disabledAt: Date?
    public var hasSecondFactor: Bool
}

/// What administrators do to accounts: list, change roles, disable, note
/// sign-ins. Who may do it is decided by `Policy.AccountManagement`, before.
public struct AccountAdministrationRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Accounts of these partners, by partner then username.
    public func accounts(partners: [String]) async throws -> [ManagedAccount] {
        guard !partners.isEmpty else { return [] }
        return try await sql.select()
            .columns("id", "username", "display_name", "partner_slug", "roles", "last_sign_in_at", "disabled_at", "totp_secret")
            .from("users").where("partner_slug", .in, partners).orderBy("partner_slug").orderBy("username").all()
            .map { row in
                ManagedAccount(
                    id: try row.decode(column: "id", as: UUID.self),
                    username: try row.decode(column: "username", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self),
                    partner: try row.decode(column: "partner_slug", as: String.self),
                    roles: try row.decode(column: "roles", as: String.self).split(separator: ",").map(String.init),
                    lastSignInAt: try row.decode(column: "last_sign_in_at", as: Date?.self),
                    disabledAt: try row.decode(column: "disabled_at", as: Date?.self),
                    hasSecondFactor: try row.decode(column: "totp_secret", as: String?.self) != nil)
            }
    }

    public func setRoles(of id: UUID, to roles: [String]) async throws {
        try await sql.update("users").set("roles", to: roles.joined(separator: ",")).where("id", .equal, id).run()
    }

    /// Disables the account; false when it already was.
    public func disable(_ id: UUID, at now: Date) async throws -> Bool {
        let before = try await sql.select().column("disabled_at").from("users").where("id", .equal, id).first()
        guard let before, try before.decode(column: "disabled_at", as: Date?.self) == nil else { return false }
        try await sql.update("users").set("disabled_at", to: now).where("id", .equal, id).run()
        return true
    }

    public func recordSignIn(of id: UUID, at now: Date) async throws {
        try await sql.update("users").set("last_sign_in_at", to: now).where("id", .equal, id).run()
    }
}
