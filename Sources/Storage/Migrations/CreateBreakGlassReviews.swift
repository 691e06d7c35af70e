import Fluent

/// The DPO's review of each emergency (break-glass) access: was it justified.
struct CreateBreakGlassReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("break_glass_reviews")
            .field("entry_sequence", .int, .identifier(auto: false))
            .field("outcome", .string, .required)
            .field("note", .string, .required)
            .field("reviewer", .uuid, .required)
            .field("reviewer_name", .string, .required)
            .field("reviewed_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("break_glass_reviews").delete()
    }
}
