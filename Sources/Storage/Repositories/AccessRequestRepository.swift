import Foundation
import SQLKit

/// One request for access to what a partner holds about a person.
public struct StoredAccessRequest: Sendable, Hashable {
    public enum Status: String, Sendable { case pending, granted, refused }
    public var id: UUID
    public var requester: UUID
    public var requesterName: String
    public var requesterPartner: String
    public var personID: UUID
    public var holder: String
    public var reason: String
    public var status: Status
    public var requestedAt: Date
    public var answeredByName: String?
    public var answer: String?
    public var expiresAt: Date?
}

/// Request and response between partners: requests, answers and the grants
/// in force that the access decision reads.
public struct AccessRequestRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["id", "requester", "requester_name", "requester_partner", "person_id", "holder", "reason", "status",
                          "requested_at", "answered_by_name", "answer", "expires_at"]

    public init(database: any SQLDatabase) { self.sql = database }

    /// One pending request per holder; a holder already asked and not yet
    /// answering is not asked twice.
    public func request(requester: UUID, name: String, partner: String, person: UUID, holders: [String], reason: String,
                        at now: Date) async throws -> Int {
        let waiting = Set(try await sql.select().column("holder").from("access_requests").where("requester", .equal, requester)
            .where("person_id", .equal, person).where("status", .equal, StoredAccessRequest.Status.pending.rawValue).all()
            .map { try $0.decode(column: "holder", as: String.self) })
        var made = 0
        for holder in Set(holders).subtracting(waiting).sorted() {
            try await sql.insert(into: "access_requests")
                .columns("id", "requester", "requester_name", "requester_partner", "person_id", "holder", "reason", "status", "requested_at")
                .values(UUID(), requester, name, partner, person, holder, reason, StoredAccessRequest.Status.pending.rawValue, now).run()
            made += 1
        }
        return made
    }

    /// Requests waiting for this partner's answer, oldest first.
    public func waiting(for holder: String) async throws -> [StoredAccessRequest] {
        try await sql.select().columns(Self.columns).from("access_requests").where("holder", .equal, holder)
            .where("status", .equal, StoredAccessRequest.Status.pending.rawValue).orderBy("requested_at").all().map(Self.request)
    }

    /// A requester's own requests, newest first.
    public func made(by requester: UUID) async throws -> [StoredAccessRequest] {
        try await sql.select().columns(Self.columns).from("access_requests").where("requester", .equal, requester)
            .orderBy("requested_at", .descending).all().map(Self.request)
    }

    public func find(_ id: UUID) async throws -> StoredAccessRequest? {
        try await sql.select().columns(Self.columns).from("access_requests").where("id", .equal, id).first().map(Self.request)
    }

    /// Answers a pending request; false when it was already answered.
    public func answer(_ id: UUID, grant: Bool, by name: String, answer: String, at now: Date, expiresAt: Date?) async throws -> Bool {
        guard let current = try await find(id), current.status == .pending else { return false }
        try await sql.update("access_requests")
            .set("status", to: (grant ? StoredAccessRequest.Status.granted : .refused).rawValue)
            .set("answered_by_name", to: name).set("answer", to: answer).set("answered_at", to: now).set("expires_at", to: expiresAt)
            .where("id", .equal, id).where("status", .equal, StoredAccessRequest.Status.pending.rawValue).run()
        return true
    }

    /// The partners whose yes to this requester is in force, person by person.
    public func grants(to requester: UUID, about people: [UUID], at now: Date) async throws -> [UUID: Set<String>] {
        guard !people.isEmpty else { return [:] }
        var grants: [UUID: Set<String>] = [:]
        for row in try await sql.select().columns("person_id", "holder").from("access_requests")
            .where("requester", .equal, requester).where("person_id", .in, people)
            .where("status", .equal, StoredAccessRequest.Status.granted.rawValue).where("expires_at", .greaterThan, now).all() {
            grants[try row.decode(column: "person_id", as: UUID.self), default: []].insert(try row.decode(column: "holder", as: String.self))
        }
        return grants
    }

    static func request(_ row: any SQLRow) throws -> StoredAccessRequest {
        StoredAccessRequest(
            id: try row.decode(column: "id", as: UUID.self), requester: try row.decode(column: "requester", as: UUID.self),
            requesterName: try row.decode(column: "requester_name", as: String.self),
            requesterPartner: try row.decode(column: "requester_partner", as: String.self),
            personID: try row.decode(column: "person_id", as: UUID.self), holder: try row.decode(column: "holder", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            status: StoredAccessRequest.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            requestedAt: try row.decode(column: "requested_at", as: Date.self),
            answeredByName: try row.decode(column: "answered_by_name", as: String?.self),
            answer: try row.decode(column: "answer", as: String?.self), expiresAt: try row.decode(column: "expires_at", as: Date?.self))
    }
}
