import Fluent

/// Reviewers' decisions on the case-finding list: the list ranks, a person decides.
struct CreateCaseFindingDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_finding_decisions")
            .field("id", .uuid, .identifier(auto: false))
            .field("household_id", .uuid, .required)
            .field("outcome", .string, .required)
            .field("reason", .string, .required)
            .field("reviewer", .uuid, .required)
            .field("rule_set_version", .int, .required)
            .field("score_seen", .int, .required)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_finding_decisions").delete()
    }
}
