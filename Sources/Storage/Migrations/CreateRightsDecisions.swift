import Fluent
import SQLKit

/// The DPO's answers to objections and erasure requests: the outcome, its
/// reason (compelling grounds, or why erasure is refused) and, for an agreed
/// erasure, the disposal that carried it out.
struct CreateRightsDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rights_decisions")
            .field("id", .uuid, .identifier(auto: false))
            .field("request_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .field("outcome", .string, .required)
            .field("reason", .string)
            .field("decided_by", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .field("disposal_reference", .string)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX rights_decisions_person ON rights_decisions (person_id, outcome)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rights_decisions").delete()
    }
}
