import Fluent

/// Partners and the agreements between them.
struct CreatePartnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partners")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("ico_registration", .string)
            .field("dpo_contact", .string)
            .unique(on: "slug")
            .create()
        try await database.schema("agreements")
            .id()
            .field("title", .string, .required)
            .field("owner_slug", .string, .required)
            .field("status", .string, .required)
            .field("in_force_from", .string, .required)
            .field("review_due", .string, .required)
            .field("approved_by", .string)
            .field("approved_on", .string)
            .field("flows", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreements").delete()
        try await database.schema("partners").delete()
    }
}
