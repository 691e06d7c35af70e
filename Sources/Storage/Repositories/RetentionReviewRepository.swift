import Foundation
import SQLKit

/// A records officer's review of records whose retention rule says "review"
/// (MoPI-style: every decision to retain is recorded, with its reason and
/// the date of the next review).
public struct RetentionReviewRepository: Sendable {
    public enum Decision: String, Sendable { case keep, dispose }
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Records the decision on every item `batch` names (items from every table).
    public func record(batch: UUID, partner: String, decision: Decision, reason: String, reviewOn: String?,
                       by user: UUID, at now: Date) async throws {
        let items = try await sql.select().columns("item_table", "item_id").from("disposal_items").where("batch_id", .equal, batch).all()
        for start in stride(from: 0, to: items.count, by: 500) {
            var insert = sql.insert(into: "retention_reviews")
                .columns("id", "batch_id", "item_table", "item_id", "partner_slug", "decision", "reason", "review_on", "decided_by", "decided_at")
            for row in items[start..<min(start + 500, items.count)] {
                insert = insert.values(UUID(), batch, try row.decode(column: "item_table", as: String.self),
                                       try row.decode(column: "item_id", as: UUID.self), partner, decision.rawValue, reason, reviewOn, user, now)
            }
            try await insert.run()
        }
    }

    /// Items kept at review, by id (as text), with the latest next-review date each was given.
    public func keptUntil() async throws -> [String: String] {
        var kept: [String: String] = [:]
        for row in try await sql.select().columns("item_id", "review_on").from("retention_reviews")
            .where("decision", .equal, Decision.keep.rawValue).all() {
            guard let until = try row.decode(column: "review_on", as: String?.self) else { continue }
            let id = try row.decode(column: "item_id", as: UUID.self).uuidString
            kept[id] = max(kept[id] ?? "", until)
        }
        return kept
    }
}
