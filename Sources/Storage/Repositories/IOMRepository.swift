import Foundation
import SQLKit

/// One IOM member as stored, with their reviews and compliance events.
public struct StoredIOMMember: Sendable, Hashable {
    public var id: UUID
    public var person: UUID
    public var cohort: String
    public var selectedOn: String
    public var selectionReason: String
    public var deselectedOn: String?
    public var deselectionReason: String?
    public var reviewEveryDays: Int
    /// (day, kind, note), oldest first; reviews have kind `review`.
    public var events: [(on: String, kind: String, note: String)]

    public static func == (a: StoredIOMMember, b: StoredIOMMember) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The IOM cohort: members and their events. A de-selection sets its
/// columns once; events are only ever added.
public struct IOMRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func select(person: UUID, cohort: String, on day: String, reason: String, reviewEveryDays: Int, by user: UUID, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "iom_members")
            .columns("id", "person_id", "cohort", "selected_on", "selection_reason", "review_every_days", "created_by", "created_at")
            .values(id, person, cohort, day, reason, reviewEveryDays, user, now).run()
        return id
    }

    public func deselect(_ id: UUID, on day: String, reason: String) async throws {
        try await sql.update("iom_members").set("deselected_on", to: day).set("deselection_reason", to: reason)
            .where("id", .equal, id).where("deselected_on", .is, SQLLiteral.null).run()
    }

    public func addEvent(to member: UUID, on day: String, kind: String, note: String, by user: UUID, at now: Date) async throws {
        try await sql.insert(into: "iom_events").columns("id", "member_id", "happened_on", "kind", "note", "recorded_by", "recorded_at")
            .values(UUID(), member, day, kind, note, user, now).run()
    }

    /// Every member, newest selection first, with their events.
    public func members() async throws -> [StoredIOMMember] {
        let rows = try await sql.select().columns("id", "person_id", "cohort", "selected_on", "selection_reason", "deselected_on",
                                                  "deselection_reason", "review_every_days")
            .from("iom_members").orderBy("selected_on", .descending).all()
        var events: [UUID: [(on: String, kind: String, note: String)]] = [:]
        for row in try await sql.select().columns("member_id", "happened_on", "kind", "note").from("iom_events").orderBy("happened_on").all() {
            events[try row.decode(column: "member_id", as: UUID.self), default: []].append(
                (try row.decode(column: "happened_on", as: String.self), try row.decode(column: "kind", as: String.self),
                 try row.decode(column: "note", as: String.self)))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return StoredIOMMember(id: id, person: try row.decode(column: "person_id", as: UUID.self), cohort: try row.decode(column: "cohort", as: String.self),
                                   selectedOn: try row.decode(column: "selected_on", as: String.self),
                                   selectionReason: try row.decode(column: "selection_reason", as: String.self),
                                   deselectedOn: try row.decode(column: "deselected_on", as: String?.self),
                                   deselectionReason: try row.decode(column: "deselection_reason", as: String?.self),
                                   reviewEveryDays: try row.decode(column: "review_every_days", as: Int.self), events: events[id] ?? [])
        }
    }
}
