import Fluent

/// Lockout after repeated failures, an optional TOTP second factor, and
/// scoped API tokens for partners' automated feeds.
struct AddAccountSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("users").field("failed_attempts", .int).update()
        try await database.schema("users").field("locked_until", .datetime).update()
        try await database.schema("users").field("totp_secret", .string).update()
        try await database.schema("api_tokens")
            .field("id", .uuid, .identifier(auto: false))
            .field("name", .string, .required)
            .field("partner_slug", .string, .required)
            .field("purposes", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
        for field in ["totp_secret", "locked_until", "failed_attempts"] {
            try await database.schema("users").deleteField(.string(field)).update()
        }
    }
}
