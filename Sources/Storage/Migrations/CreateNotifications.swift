import Fluent

/// In-app notifications: alerts raised by new events about a household,
/// for the practitioners working with it.
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("household_id", .uuid, .required)
            .field("rule_id", .string, .required)
            .field("message", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}
