import Fluent

/// People records may carry the ONS high-level ethnic group, for the
/// equality reports (optional: many partners do not record it).
struct UpdateSourceRecordsAddEthnicity: AsyncMigration {
    static let columns = ["ethnicity"]

    func prepare(on database: any Database) async throws {
        for table in ["source_records", "source_record_versions"] {
            try await database.schema(table).field("ethnicity", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["source_records", "source_record_versions"] {
            try await database.schema(table).deleteField("ethnicity").update()
        }
    }
}
