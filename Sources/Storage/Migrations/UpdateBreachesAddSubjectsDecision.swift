import Fluent

/// The decision on telling the people a breach concerns (told when and how,
/// or not told with the reason or exemption), kept as JSON.
struct UpdateBreachesAddSubjectsDecision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("breaches").field("subjects_decision", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("breaches").deleteField("subjects_decision").update()
    }
}
