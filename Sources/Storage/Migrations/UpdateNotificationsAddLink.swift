import Fluent

/// Notifications that are not about a household (a DPO's reminder that a
/// rights request or breach clock is running out, a partner asked to correct
/// a record) carry the page they point to; `household_id` then holds the id
/// of what the notification is about, so a reminder is raised once.
struct UpdateNotificationsAddLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications").field("link", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").deleteField("link").update()
    }
}
