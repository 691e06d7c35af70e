import Foundation
import SQLKit

/// A practitioner's request that a partner known only through an encoded match disclose
/// its involvement with a person, and the partner's answer.
public struct StoredPartnerDisclosure: Sendable, Hashable {
    public enum Status: String, Sendable { case pending, disclosed, declined }
    public var id: UUID
    public var personID: UUID
    public var partner: String
    public var requester: UUID
    public var requesterName: String
    public var requesterPartner: String
    public var purpose: String
    public var reason: String
    public var status: Status
    public var requestedAt: Date
    public var answeredByName: String?
    /// What the partner says of its involvement, when it discloses.
    public var involvementNote: String?
    public var contact: String?
    /// Why the partner declined.
    public var answerReason: String?
    public var answeredAt: Date?
}

/// Request and response for encoded matches: requests, the partner's inbox and answers.
/// Contract: one pending request per requester, person and partner; an answer is given
/// once (a second answer changes nothing and reports false).
public struct PartnerDisclosureRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["id", "person_id", "partner_slug", "requester", "requester_name", "requester_partner", "purpose",
                          "reason", "status", "requested_at", "answered_by_name", "involvement_note", "contact",
                          "answer_reason", "answered_at"]

    public init(database: any SQLDatabase) { sql = database }

    /// Records a request; nil when this requester already waits for this partner's answer about this person.
    public func request(person: UUID, partner: String, requester: UUID, name: String, requesterPartner: String,
                        purpose: String, reason: String, at now: Date) async throws -> UUID? {
        let waiting = try await sql.select().column("id").from("partner_disclosures").where("requester", .equal, requester)
            .where("person_id", .equal, person).where("partner_slug", .equal, partner)
            .where("status", .equal, StoredPartnerDisclosure.Status.pending.rawValue).first()
        guard waiting == nil else { return nil }
        let id = UUID()
        try await sql.insert(into: "partner_disclosures")
            .columns("id", "person_id", "partner_slug", "requester", "requester_name", "requester_partner", "purpose", "reason",
                     "status", "requested_at")
            .values(id, person, partner, requester, name, requesterPartner, purpose, reason,
                    StoredPartnerDisclosure.Status.pending.rawValue, now).run()
        return id
    }

    /// Requests waiting for this partner's answer, oldest first.
    public func waiting(for partner: String) async throws -> [StoredPartnerDisclosure] {
        try await sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("partner_disclosures")
            .where("partner_slug", .equal, partner).where("status", .equal, StoredPartnerDisclosure.Status.pending.rawValue)
            .orderBy("requested_at").all().map(Self.disclosure)
    }

    /// A requester's own requests, newest first; about one person when given.
    public func made(by requester: UUID, about person: UUID? = nil) async throws -> [StoredPartnerDisclosure] {
        var query = sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("partner_disclosures")
            .where("requester", .equal, requester)
        if let person { query = query.where("person_id", .equal, person) }
        return try await query.orderBy("requested_at", .descending).all().map(Self.disclosure)
    }

    public func find(_ id: UUID) async throws -> StoredPartnerDisclosure? {
        try await sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("partner_disclosures")
            .where("id", .equal, id).first().map(Self.disclosure)
    }

    /// Answers a pending request: disclose with a note and a contact, or decline with a
    /// reason. False when it was already answered.
    public func answer(_ id: UUID, disclose: Bool, by name: String, note: String?, contact: String?, reason: String?,
                       at now: Date) async throws -> Bool {
        guard let current = try await find(id), current.status == .pending else { return false }
        try await sql.update("partner_disclosures")
            .set("status", to: (disclose ? StoredPartnerDisclosure.Status.disclosed : .declined).rawValue)
            .set("answered_by_name", to: name).set("involvement_note", to: note).set("contact", to: contact)
            .set("answer_reason", to: reason).set("answered_at", to: now)
            .where("id", .equal, id).where("status", .equal, StoredPartnerDisclosure.Status.pending.rawValue).run()
        return true
    }

    static func disclosure(_ row: any SQLRow) throws -> StoredPartnerDisclosure {
        StoredPartnerDisclosure(
            id: try row.decode(column: "id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self),
            partner: try row.decode(column: "partner_slug", as: String.self),
            requester: try row.decode(column: "requester", as: UUID.self),
            requesterName: try row.decode(column: "requester_name", as: String.self),
            requesterPartner: try row.decode(column: "requester_partner", as: String.self),
            purpose: try row.decode(column: "purpose", as: String.self), reason: try row.decode(column: "reason", as: String.self),
            status: StoredPartnerDisclosure.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            requestedAt: try row.decode(column: "requested_at", as: Date.self),
            answeredByName: try row.decode(column: "answered_by_name", as: String?.self),
            involvementNote: try row.decode(column: "involvement_note", as: String?.self),
            contact: try row.decode(column: "contact", as: String?.self),
            answerReason: try row.decode(column: "answer_reason", as: String?.self),
            answeredAt: try row.decode(column: "answered_at", as: Date?.self))
    }
}
