import Fluent
import SQLKit

/// Indexes for the lookups that the import, search and the person page make
/// on every request.
struct AddLookupIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("source_records_person", "source_records", "person_id"),
        ("source_records_search", "source_records", "search_key"),
        ("events_person", "events", "partner_slug, person_record_id"),
        ("involvements_person", "involvements", "partner_slug, person_record_id"),
    ]

    func prepare(on database: any Database) async throws { try await PlainIndexes.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await PlainIndexes.drop(Self.indexes, on: database) }
}

/// Plain (non-unique) indexes, for migrations that only add indexes.
enum PlainIndexes {
    typealias Index = (name: String, table: String, columns: String)

    static func create(_ indexes: [Index], on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    static func drop(_ indexes: [Index], on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}

extension Database {
    /// Both drivers speak SQL; bulk paths use it directly for speed.
    func sqlDatabase() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw StorageError.notSQL }
        return sql
    }
}

/// Failures of the store, with what the operator should do about them.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case notSQL
    case unknownPartner(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .notSQL: "the configured database does not speak SQL: use SQLite or PostgreSQL"
        case .corrupt(let what): "the store holds an unreadable \(what): run `lantern migrate` and restore from backup if it persists"
        case .unknownPartner(let slug): "no partner has the slug \"\(slug)\": check `lantern partners` for the slugs in this store"
        }
    }
}
