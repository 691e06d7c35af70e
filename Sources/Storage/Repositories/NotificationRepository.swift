import Foundation
import SQLKit

/// One alert for one user.
public struct StoredNotification: Sendable, Codable, Hashable {
    public var id: UUID
    public var householdID: UUID
    public var ruleID: String
    public var message: String
    public var createdAt: Date
    public var read: Bool
    /// The page the notification points to; `nil` for a household's alert.
    public var link: String?

    /// Where the notification leads: its own page, or the household it is about.
    /// Where the notice leads: its own link, a panel case for the panels' notices, else the household.
    public var path: String {
        if let link { return link }
        if ruleID == "marac-repeat" || ruleID == "panel-action-overdue" { return "/panels/cases/\(householdID.uuidString)" }
        return "/households/\(householdID.uuidString)"
    }
}

/// Stores and lists users' notifications.
public struct NotificationRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func add(user: UUID, household: UUID, rule: String, message: String, at now: Date) async throws {
        try await sql.insert(into: "notifications").columns("id", "user_id", "household_id", "rule_id", "message", "created_at")
            .values(UUID(), user, household, rule, message, now).run()
    }

    /// A notification about something other than a household (a rights
    /// request, a breach, a disputed record), pointing to `link`. Raised once:
    /// false when this user already has one with this rule about `about`.
    @discardableResult
    public func addOnce(user: UUID, about: UUID, rule: String, message: String, link: String, at now: Date) async throws -> Bool {
        let existing = try await sql.select().column("id").from("notifications").where("user_id", .equal, user)
            .where("household_id", .equal, about).where("rule_id", .equal, rule).first()
        guard existing == nil else { return false }
        try await sql.insert(into: "notifications").columns("id", "user_id", "household_id", "rule_id", "message", "created_at", "link")
            .values(UUID(), user, about, rule, message, now, link).run()
        return true
    }

    /// Newest first.
    public func notifications(for user: UUID, limit: Int = 100) async throws -> [StoredNotification] {
        try await sql.select().columns("id", "household_id", "rule_id", "message", "created_at", "read_at", "link").from("notifications")
            .where("user_id", .equal, user).orderBy("created_at", .descending).limit(limit).all().map { row in
                StoredNotification(id: try row.decode(column: "id", as: UUID.self),
                                   householdID: try row.decode(column: "household_id", as: UUID.self),
                                   ruleID: try row.decode(column: "rule_id", as: String.self),
                                   message: try row.decode(column: "message", as: String.self),
                                   createdAt: try row.decode(column: "created_at", as: Date.self),
                                   read: try row.decode(column: "read_at", as: Date?.self) != nil,
                                   link: try row.decode(column: "link", as: String?.self))
            }
    }

    public func markRead(user: UUID, at now: Date) async throws {
        try await sql.update("notifications").set("read_at", to: now).where("user_id", .equal, user)
            .where("read_at", .is, SQLLiteral.null).run()
    }

    /// Users with any relationship to any of these people.
    public func usersRelatedTo(_ people: [UUID]) async throws -> [UUID: Set<UUID>] {
        guard !people.isEmpty else { return [:] }
        var result: [UUID: Set<UUID>] = [:]
        for row in try await sql.select().columns("user_id", "person_id").from("case_relationships").where("person_id", .in, people).all() {
            result[try row.decode(column: "user_id", as: UUID.self), default: []].insert(try row.decode(column: "person_id", as: UUID.self))
        }
        return result
    }

    /// People whose events arrived first in this batch.
    public func peopleWithEvents(inBatch batch: UUID) async throws -> [UUID] {
        try await sql.raw("""
            SELECT DISTINCT s.person_id AS person_id FROM events e
            JOIN source_records s ON s.partner_slug = e.partner_slug AND s.record_id = e.person_record_id
            WHERE e.batch_id = \(bind: batch) AND e.version = 1 AND s.person_id IS NOT NULL
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    /// The events first received in this batch, as "partner:record" ids.
    public func eventIDs(inBatch batch: UUID) async throws -> Set<String> {
        Set(try await sql.select().columns("partner_slug", "record_id").from("events").where("batch_id", .equal, batch)
            .where("version", .equal, 1).all().map {
                "\(try $0.decode(column: "partner_slug", as: String.self)):\(try $0.decode(column: "record_id", as: String.self))"
            })
    }
}
