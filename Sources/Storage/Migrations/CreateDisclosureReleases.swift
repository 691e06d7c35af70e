import Fluent

/// Every depersonalised table that left Lantern: what was released (as
/// shown), the scopes of its cells for the differencing guard, the policy
/// version and the hash written to the audit ledger.
struct CreateDisclosureReleases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("disclosure_releases")
            .field("id", .uuid, .identifier(auto: false))
            .field("report", .string, .required)
            .field("audience", .string, .required)
            .field("policy_version", .int, .required)
            .field("digest", .string, .required)
            .field("released_table", .string, .required)
            .field("cells", .string, .required)
            .field("released_by", .string, .required)
            .field("released_at", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disclosure_releases").delete()
    }
}
