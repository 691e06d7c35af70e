import Foundation
import LanternDomain
import SQLKit

/// A decision on an objection or erasure as recorded.
public struct StoredRightsDecision: Sendable, Hashable {
    public var id: UUID
    public var request: UUID
    public var person: UUID
    public var decision: RightsDecision
    public var decidedAt: Date
    /// The disposal batch or certificate that carried out an agreed erasure; `nil` while awaiting it.
    public var disposalReference: String?
}

/// The DPO's decisions on objections and erasure requests, and who has left
/// case finding because their objection was upheld.
public struct RightsDecisionRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    @discardableResult
    public func record(_ decision: RightsDecision, request: UUID, person: UUID, by user: UUID, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "rights_decisions").columns("id", "request_id", "person_id", "outcome", "reason", "decided_by", "decided_at")
            .values(id, request, person, decision.outcome.rawValue, decision.reason, user, now).run()
        return id
    }

    public func noteDisposal(_ id: UUID, reference: String) async throws {
        try await sql.update("rights_decisions").set("disposal_reference", to: reference).where("id", .equal, id).run()
    }

    /// The subject's source records by holding partner: what an agreed erasure hands to disposal.
    public func sourceRecordIDs(of person: UUID) async throws -> [String: [UUID]] {
        var byPartner: [String: [UUID]] = [:]
        for row in try await sql.select().columns("id", "partner_slug").from("source_records").where("person_id", .equal, person).all() {
            byPartner[try row.decode(column: "partner_slug", as: String.self), default: []].append(try row.decode(column: "id", as: UUID.self))
        }
        return byPartner
    }

    public func decisions(of request: UUID) async throws -> [StoredRightsDecision] {
        try await sql.select().columns("id", "request_id", "person_id", "outcome", "reason", "decided_at", "disposal_reference")
            .from("rights_decisions").where("request_id", .equal, request).orderBy("decided_at").all().compactMap(Self.decision)
    }

    /// People out of case finding because they objected (Art 21): processing
    /// stops as soon as the objection is made, unless compelling grounds are
    /// recorded. So: everyone whose latest objection decision upheld it, and
    /// everyone with an open objection request (identity settled) and no
    /// decision yet.
    public func objectorsOutOfCaseFinding() async throws -> Set<UUID> {
        let rows = try await sql.select().columns("person_id", "outcome", "decided_at").from("rights_decisions")
            .where("outcome", .in, [RightsDecision.Outcome.objectionUpheld.rawValue, RightsDecision.Outcome.compellingGrounds.rawValue])
            .orderBy("decided_at").all()
        var latest: [UUID: String] = [:]
        for row in rows { latest[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(column: "outcome", as: String.self) }
        var out = Set(latest.filter { $0.value == RightsDecision.Outcome.objectionUpheld.rawValue }.keys)
        let open = try await sql.select().columns("person_id", "identity_asked", "identity_verified_on").from("rights_requests")
            .where("status", .equal, StoredRightsRequest.Status.open.rawValue)
            .where("kinds", .like, "%\(RightsRequestKind.objection.rawValue)%").all()
        for row in open {
            let person = try row.decode(column: "person_id", as: UUID.self)
            let asked = try row.decode(column: "identity_asked", as: Bool.self)
            let verified = try row.decode(column: "identity_verified_on", as: String?.self)
            // Identity settled: an unproven requester stops nothing.
            if !asked || verified != nil, latest[person] == nil { out.insert(person) }
        }
        return out
    }

    static func decision(_ row: any SQLRow) throws -> StoredRightsDecision? {
        guard let outcome = RightsDecision.Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) else { return nil }
        return StoredRightsDecision(
            id: try row.decode(column: "id", as: UUID.self), request: try row.decode(column: "request_id", as: UUID.self),
            person: try row.decode(column: "person_id", as: UUID.self),
            decision: RightsDecision(outcome: outcome, reason: try row.decode(column: "reason", as: String?.self)),
            decidedAt: try row.decode(column: "decided_at", as: Date.self),
            disposalReference: try row.decode(column: "disposal_reference", as: String?.self))
    }
}
