import Fluent
import SQLKit

/// Rights requests (access, rectification, erasure, restriction, objection)
/// the DPO records for a subject, with the clock's dates: the month runs
/// from these, never from a stored due date that could drift from the rules.
struct CreateRightsRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rights_requests")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("person_id", .uuid, .required)
            .field("kinds", .string, .required)
            .field("regimes", .string, .required)
            .field("received_on", .string, .required)
            .field("identity_asked", .bool, .required)
            .field("identity_verified_on", .string)
            .field("verification_note", .string)
            .field("pauses", .string, .required)
            .field("extended_on", .string)
            .field("extension_reason", .string)
            .field("status", .string, .required)
            .field("closed_on", .string)
            .field("outcome", .string)
            .field("handler", .uuid, .required)
            .field("handler_name", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE INDEX rights_requests_handler ON rights_requests (handler, status, person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rights_requests").delete()
    }
}
