import Fluent

/// Partners' webhook subscriptions (their automated feeds' endpoints, with a
/// sealed signing secret) and the outbox of deliveries to them.
struct CreateWebhooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("webhook_subscriptions")
            .field("id", .uuid, .identifier(auto: false))
            .field("partner_slug", .string, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .create()
        try await database.schema("webhook_deliveries")
            .field("id", .uuid, .identifier(auto: false))
            .field("subscription_id", .uuid, .required)
            .field("household_id", .uuid, .required)
            .field("rule_id", .string, .required)
            .field("payload", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("last_outcome", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("webhook_deliveries").delete()
        try await database.schema("webhook_subscriptions").delete()
    }
}
