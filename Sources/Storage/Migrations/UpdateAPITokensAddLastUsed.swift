import Fluent

/// When each API token was last presented, so a partner administrator can
/// see which feeds are idle before revoking them.
struct UpdateAPITokensAddLastUsed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("last_used_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("last_used_at").update()
    }
}
