import Fluent

/// Panel meetings with their agenda, research tasks, attendance register
/// (with each confidentiality acceptance), actions and versioned minutes.
struct CreatePanelMeetings: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("panel_agenda_items_meeting", "panel_agenda_items", "meeting_id"),
        ("panel_research_meeting", "panel_research", "meeting_id, partner"),
        ("panel_attendance_meeting", "panel_attendance", "meeting_id"),
        ("panel_actions_case", "panel_actions", "case_id"),
        ("panel_actions_status", "panel_actions", "status, due_on"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("panel_meetings")
            .field("id", .uuid, .identifier(auto: false))
            .field("area_slug", .string, .required)
            .field("area_version", .int, .required)
            .field("held_on", .string, .required)
            .field("venue", .string, .required)
            .field("state", .string, .required)
            .field("statement_version", .int, .required)
            .field("statement_text", .string, .required)
            .field("published_at", .datetime)
            .field("opened_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("panel_agenda_items")
            .field("meeting_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("position", .int, .required)
            .unique(on: "meeting_id", "case_id")
            .create()
        try await database.schema("panel_research")
            .field("id", .uuid, .identifier(auto: false))
            .field("meeting_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("partner", .string, .required)
            .field("prefill", .string, .required)
            .field("answer", .string)
            .field("nothing_known", .bool, .required)
            .field("returned_by", .uuid)
            .field("returned_by_name", .string)
            .field("returned_at", .datetime)
            .unique(on: "meeting_id", "case_id", "partner")
            .create()
        try await database.schema("panel_attendance")
            .field("meeting_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("partner", .string, .required)
            .field("role", .string, .required)
            .field("accepted_version", .int)
            .field("accepted_at", .datetime)
            .unique(on: "meeting_id", "user_id")
            .create()
        try await database.schema("panel_actions")
            .field("id", .uuid, .identifier(auto: false))
            .field("case_id", .uuid, .required)
            .field("meeting_id", .uuid, .required)
            .field("text", .string, .required)
            .field("protects", .string, .required)
            .field("owning_partner", .string, .required)
            .field("owner_id", .uuid)
            .field("owner_name", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("outcome", .string, .required)
            .field("overdue_notified_on", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("panel_minutes")
            .field("meeting_id", .uuid, .required)
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("published_at", .datetime)
            .field("published_by", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "meeting_id", "version")
            .create()
        try await PlainIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await PlainIndexes.drop(Self.indexes, on: database)
        for table in ["panel_minutes", "panel_actions", "panel_attendance", "panel_research", "panel_agenda_items", "panel_meetings"] {
            try await database.schema(table).delete()
        }
    }
}
