import Fluent

/// The clerical review queue (pairs the linker was unsure about) and the
/// reviewers' decisions, which every later linkage run respects.
struct CreateReviewQueue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("review_pairs")
            .field("id", .uuid, .identifier(auto: false))
            .field("first_record", .uuid, .required)
            .field("second_record", .uuid, .required)
            .field("probability", .double, .required)
            .field("weight", .double, .required)
            .field("explanation", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("reviewer_decisions")
            .field("id", .uuid, .identifier(auto: false))
            .field("first_record", .uuid, .required)
            .field("second_record", .uuid, .required)
            .field("kind", .string, .required)
            .field("reason", .string, .required)
            .field("reviewer", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reviewer_decisions").delete()
        try await database.schema("review_pairs").delete()
    }
}
