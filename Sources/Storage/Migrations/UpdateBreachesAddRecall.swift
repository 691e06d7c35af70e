import Fluent

/// The recall of a misdirected share: whom it was asked of and when, then
/// when the recipient confirmed and who confirmed. One column per update
/// because SQLite adds columns one at a time.
struct UpdateBreachesAddRecall: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("recall_asked_of", .string), ("recall_asked_at", .int64), ("recall_confirmed_at", .int64), ("recall_confirmed_by", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (column, type) in Self.columns {
            try await database.schema("breaches").field(FieldKey(stringLiteral: column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (column, _) in Self.columns.reversed() {
            try await database.schema("breaches").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
