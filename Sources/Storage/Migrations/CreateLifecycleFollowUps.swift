import Fluent
import SQLKit

/// What the data's later life needs beyond the first retention and rights
/// tables: each holding partner's per-item decisions on a rights request,
/// tombstones of disposed records (a keyed hash, never the data) so a later
/// extract cannot bring them back, and records officers' decisions on
/// records whose retention rule says "review".
struct CreateLifecycleFollowUps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rights_item_decisions")
            .field("id", .uuid, .identifier(auto: false))
            .field("request_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("item", .string, .required)
            .field("decision", .string, .required)
            .field("exemption", .string)
            .field("reason", .string)
            .field("passage", .string)
            .field("decided_by", .uuid, .required)
            .field("decided_by_name", .string, .required)
            .field("decided_at", .datetime, .required)
            .unique(on: "request_id", "partner_slug", "item")
            .create()
        try await database.schema("disposal_tombstones")
            .field("tag", .string, .identifier(auto: false))
            .field("partner_slug", .string, .required)
            .field("batch_reference", .string, .required)
            .field("rule", .string, .required)
            .field("disposed_on", .string, .required)
            .create()
        try await database.schema("retention_reviews")
            .field("id", .uuid, .identifier(auto: false))
            .field("batch_id", .uuid, .required)
            .field("item_table", .string, .required)
            .field("item_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("decision", .string, .required)
            .field("reason", .string, .required)
            .field("review_on", .string)
            .field("decided_by", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX retention_reviews_item ON retention_reviews (item_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("retention_reviews").delete()
        try await database.schema("disposal_tombstones").delete()
        try await database.schema("rights_item_decisions").delete()
    }
}
