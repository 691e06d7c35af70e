import Fluent

/// Every version of the need rules an analyst has saved, with who, when and
/// why; the latest is the one case finding uses.
struct CreateNeedRuleSets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("need_rule_sets")
            .field("version", .int, .identifier(auto: false))
            .field("rules", .string, .required)
            .field("author", .uuid, .required)
            .field("author_name", .string, .required)
            .field("reason", .string, .required)
            .field("saved_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("need_rule_sets").delete()
    }
}
