import Fluent

/// Who detected a breach, the categories of data it touched and the DPO's
/// risk assessment (likelihood and severity, with the reason): the ICO asks
/// for all three, and the reporting decision rests on the risk. Breaches
/// recorded before this have none until the DPO records it. One column per
/// update because SQLite adds columns one at a time.
struct UpdateBreachesAddAssessment: AsyncMigration {
    static let columns = ["detected_by", "data_categories", "risk_likelihood", "risk_severity", "risk_reason"]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("breaches").field(FieldKey(stringLiteral: column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns.reversed() {
            try await database.schema("breaches").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
