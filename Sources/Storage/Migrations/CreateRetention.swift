import Fluent
import SQLKit

/// The retention schedule's versions, legal holds, and disposal batches with
/// the items each names (ids only) until it is carried out.
struct CreateRetention: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("retention_rule_sets")
            .field("version", .int, .identifier(auto: false))
            .field("rules", .string, .required)
            .field("author", .uuid, .required)
            .field("author_name", .string, .required)
            .field("reason", .string, .required)
            .field("saved_at", .datetime, .required)
            .create()
        try await database.schema("legal_holds")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("issuer", .string, .required)
            .field("reason", .string, .required)
            .field("scope_kind", .string, .required)
            .field("scope_value", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("lifted_on", .string)
            .field("lift_reason", .string)
            .field("placed_by", .uuid, .required)
            .field("placed_by_name", .string, .required)
            .field("placed_at", .datetime, .required)
            .create()
        try await database.schema("disposal_batches")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("partner_slug", .string, .required)
            .field("record_class", .string, .required)
            .field("reason", .string, .required)
            .field("rule_version", .int)
            .field("action", .string, .required)
            .field("status", .string, .required)
            .field("due_by", .string, .required)
            .field("preview", .string, .required)
            .field("prepared_by", .string, .required)
            .field("prepared_at", .datetime, .required)
            .field("approved_by", .uuid)
            .field("approved_by_name", .string)
            .field("approved_at", .datetime)
            .field("disposed_at", .datetime)
            .field("certificate", .string)
            .unique(on: "reference")
            .create()
        try await database.schema("disposal_items")
            .field("batch_id", .uuid, .required)
            .field("item_table", .string, .required)
            .field("item_id", .uuid, .required)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX disposal_items_batch ON disposal_items (batch_id, item_table)").run()
        // Removing a record's review pairs looks them up by record (versions are
        // already indexed by their unique key, record first).
        try await PlainIndexes.create([
            ("review_pairs_first", "review_pairs", "first_record"),
            ("review_pairs_second", "review_pairs", "second_record"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await PlainIndexes.drop([
            ("review_pairs_first", "review_pairs", ""),
            ("review_pairs_second", "review_pairs", ""),
        ], on: database)
        for table in ["disposal_items", "disposal_batches", "legal_holds", "retention_rule_sets"] {
            try await database.schema(table).delete()
        }
    }
}
