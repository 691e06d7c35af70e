import Fluent
import SQLKit

/// Indexes for the whole-family view: a household's members by household,
/// and the latest grouping time that tells caches the households changed.
struct AddHouseholdIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("household_members_household", "household_members", "household_id"),
        ("households_grouped_at", "households", "grouped_at"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in Self.indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}
