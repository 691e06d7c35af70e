import Fluent

/// Emergency (break-glass) access in force, in the store rather than in a
/// session's memory, so every Lantern process sees a grant made on any of
/// them and a restart does not end it. The grant itself, with its reason, is
/// also an audit ledger entry: that entry is what the DPO reviews.
struct CreateBreakGlassGrants: AsyncMigration {
    static let indexes: [PlainIndexes.Index] = [
        ("break_glass_grants_holder", "break_glass_grants", "user_id, person_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("break_glass_grants")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .field("reason", .string, .required)
            // Seconds since 1970 UTC, as the policy's `Moment`.
            .field("granted_at", .int64, .required)
            .field("expires_at", .int64, .required)
            .create()
        try await PlainIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("break_glass_grants").delete()
    }
}
