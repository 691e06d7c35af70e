import Fluent
import SQLKit

/// Each holding partner's review of its items for a rights request, and the
/// redactions reviewers record, each with its exemption code and reason.
/// The two tables go together: a redaction belongs to one partner's review.
struct CreateRightsReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rights_reviews")
            .field("id", .uuid, .identifier(auto: false))
            .field("request_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("status", .string, .required)
            .field("reviewer_name", .string)
            .field("reviewed_by", .uuid)
            .field("reviewed_at", .datetime)
            .field("note", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "request_id", "partner_slug")
            .create()
        try await database.schema("rights_redactions")
            .field("id", .uuid, .identifier(auto: false))
            .field("request_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("item", .string, .required)
            .field("exemption", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX rights_redactions_request ON rights_redactions (request_id, withdrawn_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rights_redactions").delete()
        try await database.schema("rights_reviews").delete()
    }
}
