import Fluent

/// Import batches, users and the audit ledger's entries and signed heads.
struct CreateOperations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_batches")
            .id()
            .field("partner_slug", .string, .required)
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime, .required)
            .field("loaded", .int, .required)
            .field("updated", .int, .required)
            .field("rejected", .int, .required)
            .create()
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("partner_slug", .string, .required)
            .field("roles", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .create()
        try await database.schema("audit_entries")
            .field("sequence", .int64, .identifier(auto: false))
            .field("at_ms", .int64, .required)
            .field("actor", .string, .required)
            .field("partner_slug", .string, .required)
            .field("purpose", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("resource", .string, .required)
            .field("decision", .string, .required)
            .field("reason", .string, .required)
            .field("leaf_hash", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_entries", "users", "import_batches"] {
            try await database.schema(table).delete()
        }
    }
}
