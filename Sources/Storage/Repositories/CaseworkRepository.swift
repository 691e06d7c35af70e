import Foundation
import SQLKit

/// A household's members as stored, with where they live.
public struct StoredHousehold: Sendable {
    public var id: UUID
    public var members: [(person: UUID, name: String, dateOfBirth: String?)]
    public var postcode: String?
}

/// An event with the person it is about.
public struct PersonEvent: Sendable {
    public var personID: UUID
    public var event: StoredEvent
}

/// An involvement (a service working with a person) with the person.
public struct PersonInvolvement: Sendable {
    public var personID: UUID
    public var partner: String
    public var recordID: String
    public var service: String
    public var workType: String
    public var workerName: String?
    public var workerRole: String?
    public var leadProfessional: Bool
    public var contact: String?
    public var startedOn: String
    public var endedOn: String?
}

/// Reads what the whole-family view and case finding need, household by
/// household or for the whole partnership, and stores reviewers' decisions.
public struct CaseworkRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Households with their members; all of them when `ids` is nil.
    public func households(_ ids: [UUID]? = nil) async throws -> [StoredHousehold] {
        var query = sql.select()
            .column(SQLColumn("household_id", table: "household_members"), as: "household_id")
            .column(SQLColumn("id", table: "people"), as: "person_id")
            .column(SQLColumn("display_name", table: "people"), as: "display_name")
            .column(SQLColumn("date_of_birth", table: "people"), as: "date_of_birth")
            .from("household_members")
            .join("people", on: SQLColumn("id", table: "people"), .equal, SQLColumn("person_id", table: "household_members"))
        if let ids { query = query.where(SQLColumn("household_id", table: "household_members"), .in, SQLBind.group(ids)) }
        var households: [UUID: StoredHousehold] = [:]
        var order: [UUID] = []
        for row in try await query.all() {
            let id = try row.decode(column: "household_id", as: UUID.self)
            let member = (try row.decode(column: "person_id", as: UUID.self), try row.decode(column: "display_name", as: String.self),
                          try row.decode(column: "date_of_birth", as: String?.self))
            if households[id] == nil { households[id] = StoredHousehold(id: id, members: [], postcode: nil); order.append(id) }
            households[id]!.members.append(member)
        }
        // Where the household lives: the most recent postcode any member's record gives.
        let people = households.values.flatMap { $0.members.map(\.person) }
        var postcodeOf: [UUID: String] = [:]
        // Every household: one pass over the records beats thousands of lookups.
        let chunks = ids == nil ? [nil] : stride(from: 0, to: people.count, by: 5_000).map { Optional(Array(people[$0..<min($0 + 5_000, people.count)])) }
        for chunk in chunks {
            var query = sql.select().columns("person_id", "postcode").from("source_records").where("postcode", .isNot, SQLLiteral.null)
            if let chunk { query = query.where("person_id", .in, chunk) } else { query = query.where("person_id", .isNot, SQLLiteral.null) }
            for row in try await query.all() {
                postcodeOf[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(column: "postcode", as: String.self)
            }
        }
        return order.map { id in
            var household = households[id]!
            household.postcode = household.members.lazy.compactMap { postcodeOf[$0.person] }.first
            return household
        }
    }

    /// The households these people belong to, in one query per 5,000 people.
    public func households(ofPeople people: [UUID]) async throws -> Set<UUID> {
        var result = Set<UUID>()
        for start in stride(from: 0, to: people.count, by: 5_000) {
            let chunk = Array(people[start..<min(start + 5_000, people.count)])
            for row in try await sql.select().column("household_id").from("household_members").where("person_id", .in, chunk).all() {
                result.insert(try row.decode(column: "household_id", as: UUID.self))
            }
        }
        return result
    }

    /// The household a person belongs to.
    public func household(of person: UUID) async throws -> UUID? {
        try await sql.select().column("household_id").from("household_members").where("person_id", .equal, person)
            .first()?.decode(column: "household_id", as: UUID.self)
    }

    /// The partner holding each record of these people, one entry per
    /// record: all the whole-family view needs to decide on identities.
    public func recordHolders(of people: [UUID]) async throws -> [UUID: [String]] {
        var holders: [UUID: [String]] = [:]
        for row in try await sql.select().columns("person_id", "partner_slug").from("source_records")
            .where("person_id", .in, people).orderBy("partner_slug").all() {
            holders[try row.decode(column: "person_id", as: UUID.self), default: []].append(try row.decode(column: "partner_slug", as: String.self))
        }
        return holders
    }

    /// Rows of a partner table (events, involvements) with the person each is
    /// about, found through the partner's source record; `people` nil is everyone.
    private func joinedToPeople(_ table: String, columns: [String], people: [UUID]?) -> SQLSelectBuilder {
        var query = sql.select()
            .column(SQLColumn("person_id", table: "s"), as: "person_id")
            .columns(columns.map { SQLColumn($0, table: "t") })
            .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("partner_slug", table: "s"), .equal, SQLColumn("partner_slug", table: "t")),
                    .and,
                    SQLBinaryExpression(SQLColumn("record_id", table: "s"), .equal, SQLColumn("person_record_id", table: "t"))))
        if let people { query = query.where(SQLColumn("person_id", table: "s"), .in, SQLBind.group(people)) }
        return query
    }

    /// Events about these people (all people when nil), newest first.
    public func events(about people: [UUID]?) async throws -> [PersonEvent] {
        let query = joinedToPeople("events", columns: StoredEvent.columns, people: people)
        return try await query.orderBy(SQLOrderBy(expression: SQLColumn("occurred_on", table: "t"), direction: SQLDirection.descending)).all().map { row in
            PersonEvent(personID: try row.decode(column: "person_id", as: UUID.self), event: try StoredEvent(row: row))
        }
    }

    /// Just what needs indicators read of each event (no summaries or
    /// opinions), for recomputing the case-finding list over every household.
    public func eventFacts(about people: [UUID]?) async throws -> [(person: UUID, partner: String, recordID: String,
                                                                      category: String, role: String, occurredOn: String)] {
        let query = joinedToPeople("events", columns: ["partner_slug", "record_id", "category", "role", "occurred_on"], people: people)
        return try await query.all().map { row in
            (try row.decode(column: "person_id", as: UUID.self), try row.decode(column: "partner_slug", as: String.self),
             try row.decode(column: "record_id", as: String.self), try row.decode(column: "category", as: String.self),
             try row.decode(column: "role", as: String.self), try row.decode(column: "occurred_on", as: String.self))
        }
    }

    /// The same facts handed to `each` as the store streams them, so that a
    /// recompute over millions of events never holds them all as rows. A row
    /// that does not decode stops the read with its error, as ``eventFacts(about:)`` does.
    public func eventFacts(about people: [UUID]?,
                           each: @escaping @Sendable (_ person: UUID, _ partner: String, _ recordID: String,
                                                      _ category: String, _ role: String, _ occurredOn: String) -> Void) async throws {
        let failure = FirstFailure()
        try await joinedToPeople("events", columns: ["partner_slug", "record_id", "category", "role", "occurred_on"], people: people).run { row in
            guard !failure.happened else { return }
            do {
                each(try row.decode(column: "person_id", as: UUID.self), try row.decode(column: "partner_slug", as: String.self),
                     try row.decode(column: "record_id", as: String.self), try row.decode(column: "category", as: String.self),
                     try row.decode(column: "role", as: String.self), try row.decode(column: "occurred_on", as: String.self))
            } catch {
                failure.keep(error)
            }
        }
        try failure.rethrow()
    }

    /// Involvements with these people (all people when nil).
    public func involvements(with people: [UUID]?) async throws -> [PersonInvolvement] {
        let query = joinedToPeople("involvements", columns: ["partner_slug", "record_id", "service", "work_type", "worker_name",
                                                             "worker_role", "lead_professional", "contact", "started_on", "ended_on"],
                                   people: people)
        return try await query.all().map { row in
            PersonInvolvement(
                personID: try row.decode(column: "person_id", as: UUID.self),
                partner: try row.decode(column: "partner_slug", as: String.self),
                recordID: try row.decode(column: "record_id", as: String.self),
                service: try row.decode(column: "service", as: String.self),
                workType: try row.decode(column: "work_type", as: String.self),
                workerName: try row.decode(column: "worker_name", as: String?.self),
                workerRole: try row.decode(column: "worker_role", as: String?.self),
                leadProfessional: try row.decode(column: "lead_professional", as: Bool?.self) ?? false,
                contact: try row.decode(column: "contact", as: String?.self),
                startedOn: try row.decode(column: "started_on", as: String.self),
                endedOn: try row.decode(column: "ended_on", as: String?.self))
        }
    }

    public func recordDecision(household: UUID, outcome: String, reason: String, reviewer: UUID,
                               ruleSetVersion: Int, scoreSeen: Int, at now: Date) async throws {
        try await sql.insert(into: "case_finding_decisions")
            .columns("id", "household_id", "outcome", "reason", "reviewer", "rule_set_version", "score_seen", "decided_at")
            .values(UUID(), household, outcome, reason, reviewer, ruleSetVersion, scoreSeen, now).run()
    }

    /// The latest decision per household.
    public func latestDecisions() async throws -> [UUID: (outcome: String, reason: String, at: Date)] {
        var latest: [UUID: (outcome: String, reason: String, at: Date)] = [:]
        for row in try await sql.select().columns("household_id", "outcome", "reason", "decided_at")
            .from("case_finding_decisions").orderBy("decided_at").all() {
            latest[try row.decode(column: "household_id", as: UUID.self)] =
                (try row.decode(column: "outcome", as: String.self), try row.decode(column: "reason", as: String.self),
                 try row.decode(column: "decided_at", as: Date.self))
        }
        return latest
    }
}

/// The first error met in a row handler that cannot throw, rethrown once the rows are done.
final class FirstFailure: @unchecked Sendable {
    // @unchecked: `error` is only touched while holding `lock`.
    private let lock = NSLock()
    private var error: (any Error)?

    var happened: Bool { lock.withLock { error != nil } }
    func keep(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
    func rethrow() throws { if let error = lock.withLock({ error }) { throw error } }
}
