import Fluent

/// IOM cohort members, with selection and de-selection reasons, and what
/// happened to them since (reviews and compliance events), never overwritten.
struct CreateIOMTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("iom_members")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("cohort", .string, .required)
            .field("selected_on", .string, .required)
            .field("selection_reason", .string, .required)
            .field("deselected_on", .string)
            .field("deselection_reason", .string)
            .field("review_every_days", .int, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("iom_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("member_id", .uuid, .required)
            .field("happened_on", .string, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await PlainIndexes.create([("iom_events_member", "iom_events", "member_id")], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("iom_events").delete()
        try await database.schema("iom_members").delete()
    }
}
