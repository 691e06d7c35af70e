import Foundation
import SQLKit

/// One partner's encoded record matched to a Lantern person by the hub's encoded linkage.
public struct StoredEncodedMatch: Sendable, Hashable {
    public var partner: String
    public var recordID: String
    public var personID: UUID
    /// The Dice similarity between the partner's encoding and the hub's encoding of the person.
    public var dice: Double
    /// The threshold the run fitted (or was given): every match is at or above it.
    public var threshold: Double
    public var matchedAt: Date

    public init(partner: String, recordID: String, personID: UUID, dice: Double, threshold: Double, matchedAt: Date) {
        self.partner = partner
        self.recordID = recordID
        self.personID = personID
        self.dice = dice
        self.threshold = threshold
        self.matchedAt = matchedAt
    }
}

/// The matches between encoded records and people. Contract: ``replace(with:)`` runs in
/// the caller's transaction, so a run's matches replace the last run's all or nothing;
/// readers get matches only, never the encodings themselves.
public struct EncodedMatchRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["partner_slug", "record_id", "person_id", "dice", "threshold", "matched_at"]

    public init(database: any SQLDatabase) { sql = database }

    /// Removes every earlier match and writes these.
    public func replace(with matches: [StoredEncodedMatch]) async throws {
        try await sql.delete(from: "encoded_matches").run()
        // Chunks keep each statement under SQLite's and PostgreSQL's parameter limits.
        for chunk in stride(from: 0, to: matches.count, by: 500).map({ matches[$0..<min(matches.count, $0 + 500)] }) {
            var insert = sql.insert(into: "encoded_matches").columns(["id"] + Self.columns)
            for match in chunk {
                insert = insert.values(UUID(), match.partner, match.recordID, match.personID, match.dice, match.threshold,
                                       match.matchedAt)
            }
            try await insert.run()
        }
    }

    /// The matches of these people, person by person, in partner then record order.
    public func matches(of people: [UUID]) async throws -> [UUID: [StoredEncodedMatch]] {
        guard !people.isEmpty else { return [:] }
        return try await sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("encoded_matches")
            .where("person_id", .in, people).orderBy("partner_slug").orderBy("record_id").all()
            .map(Self.match).reduce(into: [:]) { $0[$1.personID, default: []].append($1) }
    }

    /// Every match, in partner then record order.
    public func all() async throws -> [StoredEncodedMatch] {
        try await sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("encoded_matches")
            .orderBy("partner_slug").orderBy("record_id").all().map(Self.match)
    }

    static func match(_ row: any SQLRow) throws -> StoredEncodedMatch {
        StoredEncodedMatch(partner: try row.decode(column: "partner_slug", as: String.self),
                           recordID: try row.decode(column: "record_id", as: String.self),
                           personID: try row.decode(column: "person_id", as: UUID.self),
                           dice: try row.decode(column: "dice", as: Double.self),
                           threshold: try row.decode(column: "threshold", as: Double.self),
                           matchedAt: try row.decode(column: "matched_at", as: Date.self))
    }
}
