import Foundation
import SQLKit

/// The DPO's conclusion on one break-glass grant (an audit entry).
public struct BreakGlassReview: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        case justified
        /// Not justified: taken up with the user and their manager.
        case notJustified = "not-justified"
    }
    public var sequence: Int
    public var outcome: Outcome
    public var note: String
    public var reviewerName: String
    public var reviewedAt: Date
}

/// Reviews of break-glass grants, one per audit entry: a grant is reviewed
/// once, and the review is kept beside (not in) the append-only ledger, which
/// records that the review happened.
public struct BreakGlassReviewRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func reviews(of sequences: [Int]) async throws -> [Int: BreakGlassReview] {
        guard !sequences.isEmpty else { return [:] }
        var reviews: [Int: BreakGlassReview] = [:]
        for row in try await sql.select().columns("entry_sequence", "outcome", "note", "reviewer_name", "reviewed_at")
            .from("break_glass_reviews").where("entry_sequence", .in, sequences).all() {
            let review = BreakGlassReview(
                sequence: try row.decode(column: "entry_sequence", as: Int.self),
                outcome: BreakGlassReview.Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .notJustified,
                note: try row.decode(column: "note", as: String.self), reviewerName: try row.decode(column: "reviewer_name", as: String.self),
                reviewedAt: try row.decode(column: "reviewed_at", as: Date.self))
            reviews[review.sequence] = review
        }
        return reviews
    }

    /// Whether the entry is a break-glass grant that was allowed.
    public func isReviewableGrant(_ sequence: Int) async throws -> Bool {
        try await sql.select().column("sequence").from("audit_entries").where("sequence", .equal, sequence)
            .where("action", .equal, "break_glass").where("decision", .equal, "permit").first() != nil
    }

    /// Records a review; false when the grant was already reviewed.
    public func record(sequence: Int, outcome: BreakGlassReview.Outcome, note: String, reviewer: UUID, reviewerName: String,
                       at now: Date) async throws -> Bool {
        guard try await reviews(of: [sequence]).isEmpty else { return false }
        try await sql.insert(into: "break_glass_reviews").columns("entry_sequence", "outcome", "note", "reviewer", "reviewer_name", "reviewed_at")
            .values(sequence, outcome.rawValue, note, reviewer, reviewerName, now).run()
        return true
    }
}
