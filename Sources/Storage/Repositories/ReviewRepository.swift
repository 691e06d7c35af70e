import Foundation
import SQLKit

/// A pair waiting for a reviewer, with both records side by side.
public struct ReviewPair: Sendable, Codable, Hashable {
    public struct Side: Sendable, Codable, Hashable {
        public var recordID: UUID
        public var partner: String
        public var name: String
        public var dateOfBirth: String?
        public var sex: String?
        public var address: String?
        public var nhsNumber: String?
        public var personID: UUID?
    }
    public var id: UUID
    public var probability: Double
    public var weight: Double
    public var explanation: [String]
    public var first: Side
    public var second: Side
}

/// A reviewer's ruling, as stored.
public struct StoredDecision: Sendable, Hashable {
    public var firstRecord: UUID
    public var secondRecord: UUID
    public var samePerson: Bool
}

/// The clerical review queue and reviewers' decisions.
public struct ReviewRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Where a stored pair stands.
    public enum Status: String, Sendable {
        /// Waiting for a reviewer.
        case open
        /// Decided "different people" by the cannot-link rule; a reviewer may overturn it.
        case ruledDifferent = "ruled-different"
        case confirmed, rejected
    }

    public typealias NewPair = (first: UUID, second: UUID, probability: Double, weight: Double, explanation: [String])

    /// Replaces the open pairs with a new run's queue; decided pairs stay as history.
    public func replaceOpenPairs(_ pairs: [NewPair], at now: Date) async throws {
        try await replace(.open, with: pairs, at: now)
    }

    /// Replaces the pairs the cannot-link rule decided with a new run's.
    public func replaceRuledPairs(_ pairs: [NewPair], at now: Date) async throws {
        try await replace(.ruledDifferent, with: pairs, at: now)
    }

    private func replace(_ status: Status, with pairs: [NewPair], at now: Date) async throws {
        try await sql.delete(from: "review_pairs").where("status", .equal, status.rawValue).run()
        let encoder = JSONEncoder()
        var offset = 0
        while offset < pairs.count {
            var insert = sql.insert(into: "review_pairs")
                .columns("id", "first_record", "second_record", "probability", "weight", "explanation", "status", "created_at")
            for pair in pairs[offset..<min(offset + 1_000, pairs.count)] {
                insert = insert.values(UUID(), pair.first, pair.second, pair.probability, pair.weight,
                                       String(decoding: try encoder.encode(pair.explanation), as: UTF8.self), status.rawValue, now)
            }
            try await insert.run()
            offset += 1_000
        }
    }

    public func openCount() async throws -> Int {
        try await count(.open)
    }

    public func count(_ status: Status) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("review_pairs")
            .where("status", .equal, status.rawValue).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Open pairs, most likely matches first.
    public func openPairs(limit: Int = 25) async throws -> [ReviewPair] {
        try await pairs(.open, limit: limit)
    }

    /// Pairs in `status`, most likely matches first.
    public func pairs(_ status: Status, limit: Int = 25) async throws -> [ReviewPair] {
        let rows = try await sql.select().columns("id", "first_record", "second_record", "probability", "weight", "explanation")
            .from("review_pairs").where("status", .equal, status.rawValue).orderBy("probability", .descending).limit(limit).all()
        var pairs: [ReviewPair] = []
        for row in rows {
            let first = try row.decode(column: "first_record", as: UUID.self)
            let second = try row.decode(column: "second_record", as: UUID.self)
            guard let a = try await side(first), let b = try await side(second) else { continue }
            pairs.append(ReviewPair(
                id: try row.decode(column: "id", as: UUID.self),
                probability: try row.decode(column: "probability", as: Double.self),
                weight: try row.decode(column: "weight", as: Double.self),
                explanation: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "explanation", as: String.self).utf8)),
                first: a, second: b))
        }
        return pairs
    }

    /// A stored pair; `open` is true while a reviewer may still decide it: waiting in the
    /// queue, or decided by the cannot-link rule and so open to being overturned.
    public func pair(_ id: UUID) async throws -> (first: UUID, second: UUID, open: Bool)? {
        guard let row = try await sql.select().columns("first_record", "second_record", "status").from("review_pairs")
            .where("id", .equal, id).first() else { return nil }
        let status = Status(rawValue: try row.decode(column: "status", as: String.self))
        return (try row.decode(column: "first_record", as: UUID.self), try row.decode(column: "second_record", as: UUID.self),
                status == .open || status == .ruledDifferent)
    }

    public func decide(pair id: UUID, first: UUID, second: UUID, samePerson: Bool, reason: String,
                       reviewer: UUID, at now: Date) async throws {
        try await sql.insert(into: "reviewer_decisions")
            .columns("id", "first_record", "second_record", "kind", "reason", "reviewer", "decided_at")
            .values(UUID(), first, second, samePerson ? "same-person" : "different-people", reason, reviewer, now)
            .run()
        try await sql.update("review_pairs").set("status", to: samePerson ? "confirmed" : "rejected")
            .where("id", .equal, id).run()
    }

    public func decisions() async throws -> [StoredDecision] {
        try await sql.select().columns("first_record", "second_record", "kind").from("reviewer_decisions")
            .orderBy("decided_at").all().map { row in
                StoredDecision(firstRecord: try row.decode(column: "first_record", as: UUID.self),
                               secondRecord: try row.decode(column: "second_record", as: UUID.self),
                               samePerson: try row.decode(column: "kind", as: String.self) == "same-person")
            }
    }

    private func side(_ record: UUID) async throws -> ReviewPair.Side? {
        guard let row = try await sql.select()
            .columns("partner_slug", "given_names", "family_name", "date_of_birth", "sex", "address_line", "postcode",
                     "nhs_number", "person_id")
            .from("source_records").where("id", .equal, record).first() else { return nil }
        return ReviewPair.Side(
            recordID: record, partner: try row.decode(column: "partner_slug", as: String.self),
            name: "\(try row.decode(column: "given_names", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
            sex: try row.decode(column: "sex", as: String?.self),
            address: [try row.decode(column: "address_line", as: String?.self), try row.decode(column: "postcode", as: String?.self)]
                .compactMap { $0 }.joined(separator: ", "),
            nhsNumber: try row.decode(column: "nhs_number", as: String?.self),
            personID: try row.decode(column: "person_id", as: UUID?.self))
    }
}
