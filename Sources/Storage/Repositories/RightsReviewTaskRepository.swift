import Foundation
import LanternDomain
import SQLKit

/// One holding partner's review task, as its reviewer sees it in their list.
public struct RightsReviewTask: Sendable, Hashable {
    public var id: UUID
    public var requestID: UUID
    public var partner: String
    public var status: StoredRightsReview.Status
    public var createdAt: Date
}

/// A holding partner's decision on one of its items for a rights request:
/// disclose it, redact a passage of it, or withhold it whole. Redacting and
/// withholding carry an exemption code and a reason.
public struct RightsItemDecision: Sendable, Hashable {
    public enum Choice: String, Sendable, CaseIterable { case disclose, redact, withhold }
    public var partner: String
    public var item: String
    public var choice: Choice
    public var exemption: Exemption?
    public var reason: String?
    /// The words redacted from the item (redact only).
    public var passage: String?
    public var decidedByName: String
    public var decidedAt: Date

    public init(partner: String, item: String, choice: Choice, exemption: Exemption?, reason: String?, passage: String?,
                decidedByName: String, decidedAt: Date) {
        self.partner = partner
        self.item = item
        self.choice = choice
        self.exemption = exemption
        self.reason = reason
        self.passage = passage
        self.decidedByName = decidedByName
        self.decidedAt = decidedAt
    }
}

/// Review tasks by id for the holding partner's own reviewers, and their
/// per-item decisions. The DPO's workbench (``RightsReviewRepository``) sees
/// the same tasks by request.
public struct RightsReviewTaskRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    private func task(from row: any SQLRow) throws -> RightsReviewTask {
        RightsReviewTask(id: try row.decode(column: "id", as: UUID.self), requestID: try row.decode(column: "request_id", as: UUID.self),
                         partner: try row.decode(column: "partner_slug", as: String.self),
                         status: .init(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                         createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    public func find(_ id: UUID) async throws -> RightsReviewTask? {
        try await sql.select().columns("id", "request_id", "partner_slug", "status", "created_at").from("rights_reviews")
            .where("id", .equal, id).first().map(task(from:))
    }

    /// `partner`'s tasks, open ones first, newest first within each.
    public func tasks(of partner: String) async throws -> [RightsReviewTask] {
        try await sql.select().columns("id", "request_id", "partner_slug", "status", "created_at").from("rights_reviews")
            .where("partner_slug", .equal, partner).orderBy("created_at", .descending).all().map(task(from:))
            .sorted { ($0.status == .open ? 0 : 1) < ($1.status == .open ? 0 : 1) }
    }

    /// Records `decision`, replacing any earlier decision on the same item.
    public func decide(_ decision: RightsItemDecision, request: UUID, by user: UUID) async throws {
        try await sql.delete(from: "rights_item_decisions").where("request_id", .equal, request)
            .where("partner_slug", .equal, decision.partner).where("item", .equal, decision.item).run()
        try await sql.insert(into: "rights_item_decisions")
            .columns("id", "request_id", "partner_slug", "item", "decision", "exemption", "reason", "passage",
                     "decided_by", "decided_by_name", "decided_at")
            .values(UUID(), request, decision.partner, decision.item, decision.choice.rawValue, decision.exemption?.rawValue,
                    decision.reason, decision.passage, user, decision.decidedByName, decision.decidedAt).run()
    }

    /// The decisions recorded for `request` (every partner's when `partner` is nil).
    public func decisions(of request: UUID, partner: String? = nil) async throws -> [RightsItemDecision] {
        var query = sql.select().columns("partner_slug", "item", "decision", "exemption", "reason", "passage", "decided_by_name", "decided_at")
            .from("rights_item_decisions").where("request_id", .equal, request)
        if let partner { query = query.where("partner_slug", .equal, partner) }
        return try await query.orderBy("decided_at").all().compactMap { row in
            guard let choice = RightsItemDecision.Choice(rawValue: try row.decode(column: "decision", as: String.self)) else { return nil }
            return RightsItemDecision(
                partner: try row.decode(column: "partner_slug", as: String.self), item: try row.decode(column: "item", as: String.self),
                choice: choice, exemption: try row.decode(column: "exemption", as: String?.self).flatMap(Exemption.init(rawValue:)),
                reason: try row.decode(column: "reason", as: String?.self), passage: try row.decode(column: "passage", as: String?.self),
                decidedByName: try row.decode(column: "decided_by_name", as: String.self),
                decidedAt: try row.decode(column: "decided_at", as: Date.self))
        }
    }
}
