import Foundation
import LanternDomain
import SQLKit

/// One rights request as stored: its subject, rights, regimes and the dates
/// its clock runs from.
public struct StoredRightsRequest: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case open, closed }
    public var id: UUID
    public var reference: String
    public var personID: UUID
    public var kinds: [RightsRequestKind]
    public var regimes: [RightsRegime]
    public var clock: ResponseClock
    public var verificationNote: String?
    public var extensionReason: String?
    public var status: Status
    public var closedOn: CalendarDate?
    public var outcome: String?
    public var handler: UUID
    public var handlerName: String
}

/// Rights requests: recording, the clock's changes, closing, and the
/// subjects a DPO may read because a verified request of theirs is open.
public struct RightsRequestRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["id", "reference", "person_id", "kinds", "regimes", "received_on", "identity_asked",
                          "identity_verified_on", "verification_note", "pauses", "extended_on", "extension_reason",
                          "status", "closed_on", "outcome", "handler", "handler_name"]

    public init(database: any SQLDatabase) { self.sql = database }

    /// Records a request and gives it the next reference of its year (`RR-2026-0007`).
    public func record(person: UUID, kinds: [RightsRequestKind], regimes: [RightsRegime], received: CalendarDate,
                       identityAskedFor: Bool, handler: UUID, handlerName: String, at now: Date) async throws -> StoredRightsRequest {
        let prefix = "RR-\(received.year)-"
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("rights_requests")
            .where("reference", .like, prefix + "%").first()?.decode(column: "n", as: Int.self) ?? 0
        let number = String(count + 1)
        let reference = prefix + String(repeating: "0", count: max(0, 4 - number.count)) + number
        let id = UUID()
        try await sql.insert(into: "rights_requests")
            .columns("id", "reference", "person_id", "kinds", "regimes", "received_on", "identity_asked", "pauses", "status",
                     "handler", "handler_name", "recorded_at")
            .values(id, reference, person, kinds.map(\.rawValue).joined(separator: ","), regimes.map(\.rawValue).joined(separator: ","),
                    received.description, identityAskedFor, "[]", StoredRightsRequest.Status.open.rawValue, handler, handlerName, now)
            .run()
        return try await find(id)!
    }

    public func find(_ id: UUID) async throws -> StoredRightsRequest? {
        try await sql.select().columns(Self.columns).from("rights_requests").where("id", .equal, id).first().map(Self.request)
    }

    /// Every request, open first and then by when it was received.
    public func all() async throws -> [StoredRightsRequest] {
        try await sql.select().columns(Self.columns).from("rights_requests")
            .orderBy("status", .descending).orderBy("received_on").all().map(Self.request)
    }

    /// Saves the clock of an open request as it now stands.
    public func save(clock: ResponseClock, of id: UUID, verificationNote: String? = nil, extensionReason: String? = nil) async throws {
        var update = sql.update("rights_requests")
            .set("identity_verified_on", to: clock.identityVerified?.description)
            .set("pauses", to: String(decoding: try JSONEncoder().encode(clock.pauses), as: UTF8.self))
            .set("extended_on", to: clock.extendedOn?.description)
        if let verificationNote { update = update.set("verification_note", to: verificationNote) }
        if let extensionReason { update = update.set("extension_reason", to: extensionReason) }
        try await update.where("id", .equal, id).where("status", .equal, StoredRightsRequest.Status.open.rawValue).run()
    }

    /// Closes an open request with what was done; false when it was not open.
    public func close(_ id: UUID, on day: CalendarDate, outcome: String) async throws -> Bool {
        guard let current = try await find(id), current.status == .open else { return false }
        try await sql.update("rights_requests").set("status", to: StoredRightsRequest.Status.closed.rawValue)
            .set("closed_on", to: day.description).set("outcome", to: outcome)
            .where("id", .equal, id).where("status", .equal, StoredRightsRequest.Status.open.rawValue).run()
        return true
    }

    /// Among `people`, those who are the subject of an open request this DPO
    /// handles whose requester's identity is settled: only these may be read.
    public func subjectsUnderRequest(handledBy handler: UUID, among people: [UUID]) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        let rows = try await sql.select().columns("person_id", "identity_asked", "identity_verified_on").from("rights_requests")
            .where("handler", .equal, handler).where("status", .equal, StoredRightsRequest.Status.open.rawValue)
            .where("person_id", .in, people).all()
        var subjects: Set<UUID> = []
        for row in rows {
            let asked = try row.decode(column: "identity_asked", as: Bool.self)
            let verified = try row.decode(column: "identity_verified_on", as: String?.self)
            if !asked || verified != nil { subjects.insert(try row.decode(column: "person_id", as: UUID.self)) }
        }
        return subjects
    }

    static func request(_ row: any SQLRow) throws -> StoredRightsRequest {
        func day(_ column: String) throws -> CalendarDate? {
            try row.decode(column: column, as: String?.self).flatMap(CalendarDate.init(parsing:))
        }
        let pauses = try JSONDecoder().decode([ResponseClock.Pause].self,
                                              from: Data(try row.decode(column: "pauses", as: String.self).utf8))
        let clock = ResponseClock(received: try day("received_on") ?? CalendarDate(dayNumber: 0),
                                  identityAskedFor: try row.decode(column: "identity_asked", as: Bool.self),
                                  identityVerified: try day("identity_verified_on"), pauses: pauses,
                                  extendedOn: try day("extended_on"))
        return StoredRightsRequest(
            id: try row.decode(column: "id", as: UUID.self), reference: try row.decode(column: "reference", as: String.self),
            personID: try row.decode(column: "person_id", as: UUID.self),
            kinds: try row.decode(column: "kinds", as: String.self).split(separator: ",").compactMap { RightsRequestKind(rawValue: String($0)) },
            regimes: try row.decode(column: "regimes", as: String.self).split(separator: ",").compactMap { RightsRegime(rawValue: String($0)) },
            clock: clock, verificationNote: try row.decode(column: "verification_note", as: String?.self),
            extensionReason: try row.decode(column: "extension_reason", as: String?.self),
            status: StoredRightsRequest.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            closedOn: try day("closed_on"), outcome: try row.decode(column: "outcome", as: String?.self),
            handler: try row.decode(column: "handler", as: UUID.self), handlerName: try row.decode(column: "handler_name", as: String.self))
    }
}
