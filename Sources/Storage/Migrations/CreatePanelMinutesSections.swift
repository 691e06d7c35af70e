import Fluent

/// Each case's section of a meeting's minutes, per minutes version: what was
/// said about the case and which partners were present for it. A partner
/// reads only the sections of the cases it was present for or holds actions
/// on (`MinutesReadership`), so the sections are kept apart from the
/// meeting-wide text.
struct CreatePanelMinutesSections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("panel_minutes_sections")
            .field("meeting_id", .uuid, .required)
            .field("version", .int, .required)
            .field("case_id", .uuid, .required)
            .field("text", .string, .required)
            .field("present_partners", .string, .required)
            .unique(on: "meeting_id", "version", "case_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("panel_minutes_sections").delete()
    }
}
