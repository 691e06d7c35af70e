import Fluent

/// The consultation with affected partners (their views and any protocol
/// owner's decision, kept together as JSON) and when the breach was closed.
/// One column per update because SQLite adds columns one at a time.
struct UpdateBreachesAddConsultation: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [("consultation", .string), ("closed_at", .int64)]

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
