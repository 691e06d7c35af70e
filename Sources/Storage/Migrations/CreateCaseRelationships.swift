import Fluent

/// Which users have a relationship with which people (allocated worker,
/// member of a panel case, author of a record): the need to know that the
/// access decision asks about.
struct CreateCaseRelationships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_relationships")
            .field("user_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("since", .datetime, .required)
            .unique(on: "user_id", "person_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_relationships").delete()
    }
}
