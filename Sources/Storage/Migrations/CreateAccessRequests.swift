import Fluent
import SQLKit

/// Requests for access (request and response): a practitioner without a
/// relationship asks, the holding partner answers, and a yes lasts a while.
struct CreateAccessRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("access_requests")
            .field("id", .uuid, .identifier(auto: false))
            .field("requester", .uuid, .required)
            .field("requester_name", .string, .required)
            .field("requester_partner", .string, .required)
            .field("person_id", .uuid, .required)
            .field("holder", .string, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("answered_by_name", .string)
            .field("answer", .string)
            .field("answered_at", .datetime)
            .field("expires_at", .datetime)
            .create()
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE INDEX access_requests_requester ON access_requests (requester, person_id)").run()
        try await sql.raw("CREATE INDEX access_requests_holder ON access_requests (holder, status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("access_requests").delete()
    }
}
