import Fluent

/// Why each version of a panel area's settings was saved: area settings are
/// versioned data, and a version without its reason cannot be reviewed.
/// Versions loaded before this column (demo and first set-up) have none.
struct UpdatePanelAreasAddReason: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("panel_areas").field("reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("panel_areas").deleteField("reason").update()
    }
}
