import SQLKit

/// The plain (non-unique) indexes of the tables a generated store is loaded
/// into, dropped before a bulk load and made again after it, so that millions
/// of rows are sorted into each index once instead of one random insert at a time.
///
/// Use it only around a load into a store nobody else is using (the benches):
/// while dropped, lookups by person and by batch scan whole tables. Contract:
/// ``create(on:)`` makes exactly the indexes the migrations made; the unique
/// constraints (record keys, household membership) stay in force throughout.
public enum BulkLoadIndexes {
    public static let tables: Set<String> = ["source_records", "events", "household_members"]

    static var indexes: [PlainIndexes.Index] {
        (AddLookupIndexes.indexes + AddHouseholdIndexes.indexes + AddEventPlaceIndex.indexes).filter { tables.contains($0.table) }
    }

    public static func drop(on sql: any SQLDatabase) async throws {
        for index in indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
    }

    public static func create(on sql: any SQLDatabase) async throws {
        for index in indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }
}
