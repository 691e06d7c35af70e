import Fluent

/// The trained linkage model, so that every later run and every incremental
/// resolution scores with the same weights until the analyst retrains.
struct CreateLinkageModel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("linkage_models")
            .field("id", .int, .identifier(auto: false))
            .field("model", .string, .required)
            .field("trained_at", .datetime, .required)
            .field("records", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("linkage_models").delete()
    }
}
