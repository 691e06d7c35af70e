import Fluent

/// The audit ledger's running tree (its right-edge frontier) and the signed
/// tree heads partners can download to check history was not rewritten.
struct CreateLedgerState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_state")
            .field("id", .int, .identifier(auto: false))
            .field("tree_size", .int64, .required)
            .field("frontier", .string, .required)
            .create()
        try await database.schema("tree_heads")
            .field("tree_size", .int64, .identifier(auto: false))
            .field("root_hash", .string, .required)
            .field("timestamp_ms", .int64, .required)
            .field("key_id", .string, .required)
            .field("signature", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tree_heads").delete()
        try await database.schema("ledger_state").delete()
    }
}
