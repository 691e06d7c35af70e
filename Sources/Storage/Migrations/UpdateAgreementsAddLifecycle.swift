import Fluent

/// Agreements gain withdrawal notice and oversight contacts, and every
/// version of an agreement is kept with who changed it, when and why.
struct UpdateAgreementsAddLifecycle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("agreements").field("withdrawal", .string).update()
        try await database.schema("agreements").field("oversight", .string).update()
        try await database.schema("agreement_versions")
            .field("agreement_id", .uuid, .required)
            .field("version", .int, .required)
            .field("status", .string, .required)
            // The whole agreement as it stood at this version, as JSON.
            .field("snapshot", .string, .required)
            .field("change", .string, .required)
            .field("changed_by", .string, .required)
            .field("changed_by_name", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("reason", .string, .required)
            .unique(on: "agreement_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreement_versions").delete()
        try await database.schema("agreements").deleteField("oversight").update()
        try await database.schema("agreements").deleteField("withdrawal").update()
    }
}
