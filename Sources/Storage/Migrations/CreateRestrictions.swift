import Fluent
import SQLKit

/// Restrictions of processing (UK GDPR Art 18) placed on a subject through
/// their rights request: kept, used for nothing else until lifted.
struct CreateRestrictions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("restrictions")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("rights_request_id", .uuid, .required)
            .field("placed_by", .uuid, .required)
            .field("placed_at", .datetime, .required)
            .field("lifted_at", .datetime)
            .field("lift_reason", .string)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX restrictions_person ON restrictions (person_id, lifted_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("restrictions").delete()
    }
}
