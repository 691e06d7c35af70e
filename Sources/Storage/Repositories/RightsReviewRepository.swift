import Foundation
import LanternDomain
import SQLKit

/// One holding partner's review of its items for a rights request.
public struct StoredRightsReview: Sendable, Hashable {
    public enum Status: String, Sendable { case open, done }
    public var partner: String
    public var status: Status
    public var reviewerName: String?
    public var reviewedAt: Date?
    public var note: String?
}

/// A redaction as recorded, with who recorded it.
public struct StoredRedaction: Sendable, Hashable {
    public var id: UUID
    public var redaction: Redaction
    public var recordedAt: Date
}

/// Holding partners' review tasks for rights requests and the redactions
/// they record: every redaction carries its exemption code and reason.
public struct RightsReviewRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Gives each holding partner its review task for `request`; partners
    /// that already have one keep it as it stands.
    public func ensureTasks(for request: UUID, holders: Set<String>, at now: Date) async throws {
        let existing = Set(try await reviews(of: request).map(\.partner))
        for partner in holders.subtracting(existing).sorted() {
            try await sql.insert(into: "rights_reviews").columns("id", "request_id", "partner_slug", "status", "created_at")
                .values(UUID(), request, partner, StoredRightsReview.Status.open.rawValue, now).run()
        }
    }

    public func reviews(of request: UUID) async throws -> [StoredRightsReview] {
        try await sql.select().columns("partner_slug", "status", "reviewer_name", "reviewed_at", "note").from("rights_reviews")
            .where("request_id", .equal, request).orderBy("partner_slug").all().map { row in
                StoredRightsReview(partner: try row.decode(column: "partner_slug", as: String.self),
                                   status: .init(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                                   reviewerName: try row.decode(column: "reviewer_name", as: String?.self),
                                   reviewedAt: try row.decode(column: "reviewed_at", as: Date?.self),
                                   note: try row.decode(column: "note", as: String?.self))
            }
    }

    /// Marks `partner`'s review done; false when it has no open task.
    public func complete(request: UUID, partner: String, reviewer: UUID, reviewerName: String, note: String?, at now: Date) async throws -> Bool {
        guard try await reviews(of: request).contains(where: { $0.partner == partner && $0.status == .open }) else { return false }
        try await sql.update("rights_reviews").set("status", to: StoredRightsReview.Status.done.rawValue)
            .set("reviewed_by", to: reviewer).set("reviewer_name", to: reviewerName).set("reviewed_at", to: now).set("note", to: note)
            .where("request_id", .equal, request).where("partner_slug", .equal, partner).run()
        return true
    }

    public func add(_ redaction: Redaction, to request: UUID, by user: UUID, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "rights_redactions")
            .columns("id", "request_id", "partner_slug", "item", "exemption", "reason", "recorded_by", "recorded_at")
            .values(id, request, redaction.holder, redaction.item, redaction.exemption.rawValue, redaction.reason, user, now).run()
        return id
    }

    /// Withdraws a redaction (the item is disclosed after all); false when none was in force.
    public func withdraw(_ id: UUID, of request: UUID, at now: Date) async throws -> Bool {
        guard try await redactions(of: request).contains(where: { $0.id == id }) else { return false }
        try await sql.update("rights_redactions").set("withdrawn_at", to: now)
            .where("id", .equal, id).where("request_id", .equal, request).run()
        return true
    }

    /// The redactions in force for `request`, oldest first.
    public func redactions(of request: UUID) async throws -> [StoredRedaction] {
        try await sql.select().columns("id", "partner_slug", "item", "exemption", "reason", "recorded_at").from("rights_redactions")
            .where("request_id", .equal, request).where("withdrawn_at", .is, SQLLiteral.null).orderBy("recorded_at").all()
            .compactMap { row in
                guard let exemption = Exemption(rawValue: try row.decode(column: "exemption", as: String.self)) else { return nil }
                return StoredRedaction(
                    id: try row.decode(column: "id", as: UUID.self),
                    redaction: try Redaction(item: try row.decode(column: "item", as: String.self),
                                             holder: try row.decode(column: "partner_slug", as: String.self),
                                             exemption: exemption, reason: try row.decode(column: "reason", as: String.self)),
                    recordedAt: try row.decode(column: "recorded_at", as: Date.self))
            }
    }
}
