import Fluent

/// Panel areas (a MARAC, a community risk panel...) with their settings as
/// versioned data, and the users who chair or coordinate each.
struct CreatePanelAreas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("panel_areas")
            .field("id", .uuid, .identifier(auto: false))
            .field("slug", .string, .required)
            .field("version", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("settings", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .unique(on: "slug", "version")
            .create()
        try await database.schema("panel_area_staff")
            .field("area_slug", .string, .required)
            .field("user_id", .uuid, .required)
            .field("function", .string, .required)
            .unique(on: "area_slug", "user_id", "function")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("panel_area_staff").delete()
        try await database.schema("panel_areas").delete()
    }
}
