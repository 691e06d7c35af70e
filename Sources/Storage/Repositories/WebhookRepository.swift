import Foundation
import SQLKit

/// A partner's endpoint for alerts, with its signing secret still sealed.
public struct WebhookSubscription: Sendable, Hashable {
    public var id: UUID
    public var partner: String
    public var name: String
    public var url: String
    public var sealedSecret: String
}

/// A delivery waiting in the outbox.
public struct PendingDelivery: Sendable, Hashable {
    public var id: UUID
    public var subscription: WebhookSubscription
    public var householdID: UUID
    public var ruleID: String
    public var payload: String
    public var attempts: Int
}

/// Webhook subscriptions and their outbox: alerts are queued in the store and
/// sent after, so a partner's endpoint being down loses nothing.
public struct WebhookRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func addSubscription(partner: String, name: String, url: String, sealedSecret: String, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "webhook_subscriptions").columns("id", "partner_slug", "name", "url", "sealed_secret", "created_at")
            .values(id, partner, name, url, sealedSecret, now).run()
        return id
    }

    public func revoke(_ id: UUID, at now: Date) async throws {
        try await sql.update("webhook_subscriptions").set("revoked_at", to: now).where("id", .equal, id).run()
    }

    /// Subscriptions not revoked, for these partners (all when nil).
    public func subscriptions(partners: Set<String>? = nil) async throws -> [WebhookSubscription] {
        try await sql.select().columns("id", "partner_slug", "name", "url", "sealed_secret").from("webhook_subscriptions")
            .where("revoked_at", .is, SQLLiteral.null).orderBy("created_at").all().map(Self.subscription)
            .filter { partners?.contains($0.partner) ?? true }
    }

    @discardableResult
    public func enqueue(id: UUID = UUID(), subscription: UUID, household: UUID, rule: String, payload: String, at now: Date) async throws -> UUID {
        try await sql.insert(into: "webhook_deliveries")
            .columns("id", "subscription_id", "household_id", "rule_id", "payload", "created_at", "attempts", "next_attempt_at")
            .values(id, subscription, household, rule, payload, now, 0, now).run()
        return id
    }

    /// Undelivered deliveries whose next attempt is due, oldest first, to
    /// subscriptions still in force.
    public func due(at now: Date, limit: Int = 100) async throws -> [PendingDelivery] {
        try await sql.select()
            .column(SQLColumn("id", table: "d"), as: "delivery_id")
            .columns(SQLColumn("household_id", table: "d"), SQLColumn("rule_id", table: "d"), SQLColumn("payload", table: "d"),
                     SQLColumn("attempts", table: "d"))
            .columns(SQLColumn("id", table: "s"), SQLColumn("partner_slug", table: "s"), SQLColumn("name", table: "s"),
                     SQLColumn("url", table: "s"), SQLColumn("sealed_secret", table: "s"))
            .from(SQLAlias(SQLIdentifier("webhook_deliveries"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("webhook_subscriptions"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("subscription_id", table: "d"), .equal, SQLColumn("id", table: "s"))
            .where(SQLColumn("delivered_at", table: "d"), .is, SQLLiteral.null)
            .where(SQLColumn("revoked_at", table: "s"), .is, SQLLiteral.null)
            .where(SQLColumn("next_attempt_at", table: "d"), .lessThanOrEqual, SQLBind(now))
            .orderBy(SQLColumn("created_at", table: "d")).limit(limit).all().map { row in
                PendingDelivery(id: try row.decode(column: "delivery_id", as: UUID.self), subscription: try Self.subscription(row),
                                householdID: try row.decode(column: "household_id", as: UUID.self),
                                ruleID: try row.decode(column: "rule_id", as: String.self),
                                payload: try row.decode(column: "payload", as: String.self),
                                attempts: try row.decode(column: "attempts", as: Int.self))
            }
    }

    public func markDelivered(_ id: UUID, outcome: String, at now: Date) async throws {
        try await sql.update("webhook_deliveries").set("delivered_at", to: now).set("last_outcome", to: outcome)
            .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1")).where("id", .equal, id).run()
    }

    public func markFailed(_ id: UUID, outcome: String, retryAt: Date) async throws {
        try await sql.update("webhook_deliveries").set("next_attempt_at", to: retryAt).set("last_outcome", to: outcome)
            .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1")).where("id", .equal, id).run()
    }

    /// Deliveries of one subscription, newest first, for operators.
    public func deliveries(of subscription: UUID) async throws -> [(id: UUID, rule: String, attempts: Int, delivered: Bool, outcome: String?)] {
        try await sql.select().columns("id", "rule_id", "attempts", "delivered_at", "last_outcome").from("webhook_deliveries")
            .where("subscription_id", .equal, subscription).orderBy("created_at", .descending).all().map { row in
                (try row.decode(column: "id", as: UUID.self), try row.decode(column: "rule_id", as: String.self),
                 try row.decode(column: "attempts", as: Int.self), try row.decode(column: "delivered_at", as: Date?.self) != nil,
                 try row.decode(column: "last_outcome", as: String?.self))
            }
    }

    static func subscription(_ row: any SQLRow) throws -> WebhookSubscription {
        WebhookSubscription(id: try row.decode(column: "id", as: UUID.self), partner: try row.decode(column: "partner_slug", as: String.self),
                            name: try row.decode(column: "name", as: String.self), url: try row.decode(column: "url", as: String.self),
                            sealedSecret: try row.decode(column: "sealed_secret", as: String.self))
    }
}
