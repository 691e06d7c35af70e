import Fluent

/// Indexes for the whole-family view and its caches: a household's members
/// by household, the latest grouping time, and what each import batch wrote.
struct AddHouseholdIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("household_members_household", "household_members", "household_id"),
        ("households_grouped_at", "households", "grouped_at"),
        // What an import batch wrote, for updating caches after it.
        ("source_records_batch", "source_records", "batch_id"),
        ("events_batch", "events", "batch_id"),
        ("involvements_batch", "involvements", "batch_id"),
    ]

    func prepare(on database: any Database) async throws { try await PlainIndexes.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await PlainIndexes.drop(Self.indexes, on: database) }
}
