import Foundation
import SQLKit

/// One saved version of the MATAC weights.
public struct SavedMatacWeights: Sendable, Hashable {
    public var version: Int
    public var json: String
    public var authorName: String
    public var reason: String
    public var savedAt: Date
}

/// An event about a person, just as the MATAC score reads it.
public struct MatacEventFact: Sendable, Hashable {
    public var person: UUID
    public var partner: String
    public var recordID: String
    public var category: String
    public var role: String
    public var occurredOn: String
}

/// A panel decision on a proposed person, as stored.
public struct StoredMatacDecision: Sendable, Hashable {
    public var person: UUID
    public var outcome: String
    public var reason: String
    public var interventions: [String]
    public var weightsVersion: Int
    public var scoreSeen: Int
    public var decidedOn: String
    public var decidedByName: String
    public var decidedAt: Date
}

/// A score recorded on a day: one point of the outcome measure.
public struct StoredMatacScore: Sendable, Hashable {
    public var person: UUID
    public var scoredOn: String
    public var weightsVersion: Int
    public var total: Int
    public var recency: Int
    public var frequency: Int
    public var gravity: Int
    public var victims: Int
    public var serial: Bool

    public init(person: UUID, scoredOn: String, weightsVersion: Int, total: Int, recency: Int, frequency: Int, gravity: Int,
                victims: Int, serial: Bool) {
        self.person = person
        self.scoredOn = scoredOn
        self.weightsVersion = weightsVersion
        self.total = total
        self.recency = recency
        self.frequency = frequency
        self.gravity = gravity
        self.victims = victims
        self.serial = serial
    }
}

/// MATAC's store: versioned weights, the events the score reads, the people
/// connected to each person (for linking victims), the panel's decisions
/// and the scores recorded over time. Nothing is overwritten.
public struct MatacRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    // MARK: weights

    public func latestWeights() async throws -> SavedMatacWeights? {
        try await sql.select().columns("version", "weights", "author_name", "reason", "saved_at").from("matac_weight_sets")
            .orderBy("version", .descending).limit(1).first().map(Self.saved)
    }

    /// Every saved version, newest first.
    public func weightsHistory() async throws -> [SavedMatacWeights] {
        try await sql.select().columns("version", "weights", "author_name", "reason", "saved_at").from("matac_weight_sets")
            .orderBy("version", .descending).all().map(Self.saved)
    }

    /// The version is the key: of two analysts saving the same number at once, the second fails.
    public func saveWeights(version: Int, json: String, author: UUID, authorName: String, reason: String, at now: Date) async throws {
        try await sql.insert(into: "matac_weight_sets").columns("version", "weights", "author", "author_name", "reason", "saved_at")
            .values(version, json, author, authorName, reason, now).run()
    }

    static func saved(_ row: any SQLRow) throws -> SavedMatacWeights {
        SavedMatacWeights(version: try row.decode(column: "version", as: Int.self), json: try row.decode(column: "weights", as: String.self),
                          authorName: try row.decode(column: "author_name", as: String.self),
                          reason: try row.decode(column: "reason", as: String.self), savedAt: try row.decode(column: "saved_at", as: Date.self))
    }

    // MARK: events

    /// Events in these categories and roles on or after `since` (ISO date),
    /// with the person each is about; `people` nil is everyone linked.
    public func events(categories: [String], roles: [String], since: String, people: [UUID]? = nil) async throws -> [MatacEventFact] {
        guard !categories.isEmpty, !roles.isEmpty else { return [] }
        var facts: [MatacEventFact] = []
        for chunk in Self.chunks(people) {
            var query = sql.select()
                .column(SQLColumn("person_id", table: "s"), as: "person_id")
                .columns(["partner_slug", "record_id", "category", "role", "occurred_on"].map { SQLColumn($0, table: "e") })
                .from(SQLAlias(SQLIdentifier("events"), as: SQLIdentifier("e")))
                .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                      on: SQLBinaryExpression(
                        SQLBinaryExpression(SQLColumn("partner_slug", table: "s"), .equal, SQLColumn("partner_slug", table: "e")),
                        .and,
                        SQLBinaryExpression(SQLColumn("record_id", table: "s"), .equal, SQLColumn("person_record_id", table: "e"))))
                .where(SQLColumn("category", table: "e"), .in, SQLBind.group(categories))
                .where(SQLColumn("role", table: "e"), .in, SQLBind.group(roles))
                .where(SQLColumn("occurred_on", table: "e"), .greaterThanOrEqual, SQLBind(since))
                .where(SQLColumn("person_id", table: "s"), .isNot, SQLLiteral.null)
            if let chunk { query = query.where(SQLColumn("person_id", table: "s"), .in, SQLBind.group(chunk)) }
            facts += try await query.all().map { row in
                MatacEventFact(person: try row.decode(column: "person_id", as: UUID.self),
                               partner: try row.decode(column: "partner_slug", as: String.self),
                               recordID: try row.decode(column: "record_id", as: String.self),
                               category: try row.decode(column: "category", as: String.self),
                               role: try row.decode(column: "role", as: String.self),
                               occurredOn: try row.decode(column: "occurred_on", as: String.self))
            }
        }
        return facts
    }

    /// The people connected to each of `people`: in the same household, or
    /// named as partner in either's record at the same partner.
    public func connectedPeople(to people: [UUID]) async throws -> [UUID: Set<UUID>] {
        var connected: [UUID: Set<UUID>] = [:]
        for chunk in Self.chunks(people) {
            guard let chunk else { continue }
            let households = try await sql.raw("""
                SELECT a.person_id AS person, b.person_id AS other FROM household_members a
                JOIN household_members b ON b.household_id = a.household_id AND b.person_id <> a.person_id
                WHERE a.person_id IN \(SQLBind.group(chunk))
                """).all()
            // A partner's record names its partner record; either side may be the one scored.
            let declared = try await sql.raw("""
                SELECT s.person_id AS person, r.person_id AS other FROM source_records s
                JOIN source_records r ON r.partner_slug = s.partner_slug AND r.record_id = s.related_record_id
                WHERE s.relationship = 'partner' AND s.person_id IN \(SQLBind.group(chunk)) AND r.person_id IS NOT NULL
                UNION
                SELECT r.person_id AS person, s.person_id AS other FROM source_records s
                JOIN source_records r ON r.partner_slug = s.partner_slug AND r.record_id = s.related_record_id
                WHERE s.relationship = 'partner' AND r.person_id IN \(SQLBind.group(chunk)) AND s.person_id IS NOT NULL
                """).all()
            for row in households + declared {
                let person = try row.decode(column: "person", as: UUID.self), other = try row.decode(column: "other", as: UUID.self)
                if person != other { connected[person, default: []].insert(other) }
            }
        }
        return connected
    }

    /// Domestic-abuse events in which these people were the victim, on or after `since`.
    public func victimEvents(of people: [UUID], since: String) async throws -> [(person: UUID, occurredOn: String)] {
        try await events(categories: ["domestic-abuse"], roles: ["victim"], since: since, people: people)
            .map { ($0.person, $0.occurredOn) }
    }

    static func chunks(_ people: [UUID]?) -> [[UUID]?] {
        guard let people else { return [nil] }
        return stride(from: 0, to: people.count, by: 5_000).map { Array(people[$0..<min($0 + 5_000, people.count)]) }
    }

    // MARK: decisions

    public func recordDecision(person: UUID, outcome: String, reason: String, interventions: [String], weightsVersion: Int,
                               scoreSeen: Int, decidedOn: String, by user: UUID, byName: String, at now: Date) async throws {
        try await sql.insert(into: "matac_decisions")
            .columns("id", "person_id", "outcome", "reason", "interventions", "weights_version", "score_seen", "decided_on",
                     "decided_by", "decided_by_name", "decided_at")
            .values(UUID(), person, outcome, reason, interventions.joined(separator: ","), weightsVersion, scoreSeen, decidedOn,
                    user, byName, now).run()
    }

    /// Every decision, oldest first; `person` nil is everyone.
    public func decisions(about person: UUID? = nil) async throws -> [StoredMatacDecision] {
        var query = sql.select().columns("person_id", "outcome", "reason", "interventions", "weights_version", "score_seen",
                                         "decided_on", "decided_by_name", "decided_at").from("matac_decisions")
        if let person { query = query.where("person_id", .equal, person) }
        return try await query.orderBy("decided_at").all().map { row in
            StoredMatacDecision(person: try row.decode(column: "person_id", as: UUID.self), outcome: try row.decode(column: "outcome", as: String.self),
                                reason: try row.decode(column: "reason", as: String.self),
                                interventions: try row.decode(column: "interventions", as: String.self).split(separator: ",").map(String.init),
                                weightsVersion: try row.decode(column: "weights_version", as: Int.self),
                                scoreSeen: try row.decode(column: "score_seen", as: Int.self),
                                decidedOn: try row.decode(column: "decided_on", as: String.self),
                                decidedByName: try row.decode(column: "decided_by_name", as: String.self),
                                decidedAt: try row.decode(column: "decided_at", as: Date.self))
        }
    }

    // MARK: scores over time

    /// Records a score; recording the same person, day and weights again keeps the first.
    public func recordScore(_ score: StoredMatacScore, at now: Date) async throws {
        let exists = try await sql.select().column("id").from("matac_scores").where("person_id", .equal, score.person)
            .where("scored_on", .equal, score.scoredOn).where("weights_version", .equal, score.weightsVersion).first()
        guard exists == nil else { return }
        try await sql.insert(into: "matac_scores")
            .columns("id", "person_id", "scored_on", "weights_version", "total", "recency", "frequency", "gravity", "victims", "serial", "recorded_at")
            .values(UUID(), score.person, score.scoredOn, score.weightsVersion, score.total, score.recency, score.frequency,
                    score.gravity, score.victims, score.serial, now).run()
    }

    /// A person's recorded scores, oldest first.
    public func scores(of person: UUID) async throws -> [StoredMatacScore] {
        try await sql.select().columns("person_id", "scored_on", "weights_version", "total", "recency", "frequency", "gravity", "victims", "serial")
            .from("matac_scores").where("person_id", .equal, person).orderBy("scored_on").all().map { row in
                StoredMatacScore(person: try row.decode(column: "person_id", as: UUID.self), scoredOn: try row.decode(column: "scored_on", as: String.self),
                                 weightsVersion: try row.decode(column: "weights_version", as: Int.self),
                                 total: try row.decode(column: "total", as: Int.self), recency: try row.decode(column: "recency", as: Int.self),
                                 frequency: try row.decode(column: "frequency", as: Int.self), gravity: try row.decode(column: "gravity", as: Int.self),
                                 victims: try row.decode(column: "victims", as: Int.self), serial: try row.decode(column: "serial", as: Bool.self))
            }
    }
}

extension MatacRepository {
    /// Lantern's display name for each person (shown only where the access decision allows).
    public func displayNames(of people: [UUID]) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for chunk in Self.chunks(people) {
            guard let chunk, !chunk.isEmpty else { continue }
            for row in try await sql.select().columns("id", "display_name").from("people").where("id", .in, chunk).all() {
                names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "display_name", as: String.self)
            }
        }
        return names
    }
}
