import Foundation
import LanternDomain
import SQLKit

/// Reads the records the retention schedule reaches (person records with the
/// events and services recorded against them), with their dates and whom
/// they are about, for ``RetentionRuleSet/due(_:on:holds:)``.
public struct RetentionCandidates: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Every person record, event and service of `partner` (or of every partner).
    public func all(partner: String? = nil) async throws -> [RetentionCandidate] {
        var households: [UUID: UUID] = [:]
        for row in try await sql.select().columns("person_id", "household_id").from("household_members").all() {
            households[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(column: "household_id", as: UUID.self)
        }
        struct Owner { var id: UUID; var person: UUID?; var dateOfBirth: CalendarDate?; var received: CalendarDate }
        var owners: [String: Owner] = [:]
        var records = sql.select().columns("id", "partner_slug", "record_id", "person_id", "date_of_birth", "received_at").from("source_records")
        if let partner { records = records.where("partner_slug", .equal, partner) }
        for row in try await records.all() {
            let key = try row.decode(column: "partner_slug", as: String.self) + "|" + row.decode(column: "record_id", as: String.self)
            owners[key] = Owner(id: try row.decode(column: "id", as: UUID.self), person: try row.decode(column: "person_id", as: UUID?.self),
                                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                                received: Self.day(try row.decode(column: "received_at", as: Date.self)))
        }
        var dependents: [String: [RetentionCandidate]] = [:]
        func candidate(table: String, row: any SQLRow, recordClass: String, lastAction: CalendarDate?, closed: CalendarDate?) throws -> (String, RetentionCandidate) {
            let partnerSlug = try row.decode(column: "partner_slug", as: String.self)
            let key = partnerSlug + "|" + (try row.decode(column: "person_record_id", as: String?.self) ?? "")
            let owner = owners[key]
            return (key, RetentionCandidate(
                table: table, id: try row.decode(column: "id", as: UUID.self).uuidString, partner: partnerSlug, recordClass: recordClass,
                dates: RetentionDates(received: Self.day(try row.decode(column: "received_at", as: Date.self)), lastAction: lastAction,
                                      closed: closed, dateOfBirth: owner?.dateOfBirth),
                person: owner?.person?.uuidString, household: owner?.person.flatMap { households[$0] }?.uuidString))
        }
        var events = sql.select().columns("id", "partner_slug", "person_record_id", "category", "occurred_on", "last_action_on", "closed_on", "received_at")
            .from("events")
        if let partner { events = events.where("partner_slug", .equal, partner) }
        var result: [RetentionCandidate] = []
        for row in try await events.all() {
            let occurred = try row.decode(column: "occurred_on", as: String?.self).flatMap(CalendarDate.init(parsing:))
            let lastAction = try row.decode(column: "last_action_on", as: String?.self).flatMap(CalendarDate.init(parsing:)) ?? occurred
            let category = try row.decode(column: "category", as: String.self)
            let (key, item) = try candidate(table: "events", row: row, recordClass: "events:" + category, lastAction: lastAction,
                                            closed: try row.decode(column: "closed_on", as: String?.self).flatMap(CalendarDate.init(parsing:)))
            dependents[key, default: []].append(item)
            result.append(item)
        }
        var involvements = sql.select().columns("id", "partner_slug", "person_record_id", "started_on", "ended_on", "received_at").from("involvements")
        if let partner { involvements = involvements.where("partner_slug", .equal, partner) }
        for row in try await involvements.all() {
            let ended = try row.decode(column: "ended_on", as: String?.self).flatMap(CalendarDate.init(parsing:))
            let started = try row.decode(column: "started_on", as: String?.self).flatMap(CalendarDate.init(parsing:))
            let (key, item) = try candidate(table: "involvements", row: row, recordClass: RecordClass.involvements,
                                            lastAction: ended ?? started, closed: ended)
            dependents[key, default: []].append(item)
            result.append(item)
        }
        // Operational records: notifications belong to their reader's partner, access requests to the holder asked.
        var notifications = sql.select().column(SQLColumn("id", table: "n")).column(SQLColumn("household_id", table: "n"))
            .column(SQLColumn("created_at", table: "n")).column(SQLColumn("partner_slug", table: "u"))
            .from(SQLAlias(SQLIdentifier("notifications"), as: SQLIdentifier("n")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "n")))
        if let partner { notifications = notifications.where(SQLColumn("partner_slug", table: "u"), .equal, SQLBind(partner)) }
        for row in try await notifications.all() {
            result.append(RetentionCandidate(
                table: "notifications", id: try row.decode(column: "id", as: UUID.self).uuidString,
                partner: try row.decode(column: "partner_slug", as: String.self), recordClass: RecordClass.notifications,
                dates: RetentionDates(received: Self.day(try row.decode(column: "created_at", as: Date.self))), person: nil,
                household: try row.decode(column: "household_id", as: UUID.self).uuidString))
        }
        var requests = sql.select().columns("id", "holder", "person_id", "requested_at").from("access_requests")
        if let partner { requests = requests.where("holder", .equal, partner) }
        for row in try await requests.all() {
            let person = try row.decode(column: "person_id", as: UUID.self)
            result.append(RetentionCandidate(
                table: "access_requests", id: try row.decode(column: "id", as: UUID.self).uuidString,
                partner: try row.decode(column: "holder", as: String.self), recordClass: RecordClass.accessRequests,
                dates: RetentionDates(received: Self.day(try row.decode(column: "requested_at", as: Date.self))),
                person: person.uuidString, household: households[person]?.uuidString))
        }
        for (key, owner) in owners {
            let own = dependents[key] ?? []
            // A person record's last action is the latest thing its partner recorded about them.
            // (Not the day Lantern received it: that is only when the extract arrived.)
            let lastAction = own.compactMap { $0.dates.lastAction ?? $0.dates.received }.max() ?? owner.received
            result.append(RetentionCandidate(
                table: "source_records", id: owner.id.uuidString, partner: String(key.prefix { $0 != "|" }), recordClass: RecordClass.people,
                dates: RetentionDates(received: owner.received, lastAction: lastAction, dateOfBirth: owner.dateOfBirth),
                person: owner.person?.uuidString, household: owner.person.flatMap { households[$0] }?.uuidString, dependents: own))
        }
        return result
    }

    static func day(_ date: Date) -> CalendarDate {
        CalendarDate(dayNumber: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
