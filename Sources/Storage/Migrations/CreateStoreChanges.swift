import Fluent

/// A numbered log of changes to what the whole-family view and case finding
/// read, written in the same transaction as each change, so that caches in
/// any process can tell the store moved on and what it touched.
struct CreateStoreChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("store_changes")
            .field("seq", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("batch_id", .uuid)
            .field("people", .string)
            .field("noted_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("store_changes").delete()
    }
}
