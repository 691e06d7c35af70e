import Fluent
import SQLKit

/// Indexes for the DPO's audit views: who accessed a person, what a user
/// accessed, and access in a period.
struct AddAuditQueryIndexes: AsyncMigration {
    static let indexes: [(name: String, columns: String)] = [
        ("audit_entries_subject", "subject, at_ms"),
        ("audit_entries_actor", "actor, at_ms"),
        ("audit_entries_at", "at_ms"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON audit_entries (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sqlDatabase()
        for index in Self.indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}
