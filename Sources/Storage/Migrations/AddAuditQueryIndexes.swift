import Fluent

/// Indexes for the DPO's audit views: who accessed a person, what a user
/// accessed, and access in a period.
struct AddAuditQueryIndexes: AsyncMigration {
    static let indexes: [PlainIndexes.Index] = [
        ("audit_entries_subject", "audit_entries", "subject, at_ms"),
        ("audit_entries_actor", "audit_entries", "actor, at_ms"),
        ("audit_entries_at", "audit_entries", "at_ms"),
    ]

    func prepare(on database: any Database) async throws { try await PlainIndexes.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await PlainIndexes.drop(Self.indexes, on: database) }
}
