import Foundation
import SQLKit

/// A record the subject says is wrong, as raised through their rectification request.
public struct StoredDispute: Sendable, Hashable {
    public var id: UUID
    public var request: UUID
    public var person: UUID
    public var partner: String
    public var kind: HeldRecordKind
    public var recordID: String
    public var disputedVersion: Int
    public var whatIsWrong: String
    public var raisedAt: Date
    /// The owning partner's corrected version, once it arrived; `nil` while disputed.
    public var correctedVersion: Int?
    public var recipientsTold: Int?

    public var isOpen: Bool { correctedVersion == nil }
    /// The pack's and pages' key for the record (`event:E-1`).
    public var item: String { "\(kind.rawValue):\(recordID)" }
}

/// Disputed records (UK GDPR Art 16): raised by the DPO for a rectification
/// request, shown as disputed until the owning partner's corrected version
/// arrives, then closed with how many recipients were told (Art 19).
public struct DisputeRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["id", "request_id", "person_id", "partner_slug", "record_kind", "record_id", "disputed_version",
                          "what_is_wrong", "raised_at", "corrected_version", "recipients_told"]

    public init(database: any SQLDatabase) { self.sql = database }

    /// The version a partner's record is at now; `nil` when it holds no such record.
    public func currentVersion(of kind: HeldRecordKind, partner: String, record: String) async throws -> Int? {
        try await sql.select().column("version").from(kind.table).where("partner_slug", .equal, partner)
            .where("record_id", .equal, record).first()?.decode(column: "version", as: Int.self)
    }

    /// Raises a dispute on the record at its current version; `nil` when the partner holds no such record.
    public func raise(request: UUID, person: UUID, kind: HeldRecordKind, partner: String, record: String,
                      whatIsWrong: String, by user: UUID, at now: Date) async throws -> StoredDispute? {
        guard let version = try await currentVersion(of: kind, partner: partner, record: record) else { return nil }
        let id = UUID()
        try await sql.insert(into: "disputes")
            .columns("id", "request_id", "person_id", "partner_slug", "record_kind", "record_id", "disputed_version",
                     "what_is_wrong", "raised_by", "raised_at")
            .values(id, request, person, partner, kind.rawValue, record, version, whatIsWrong, user, now).run()
        return try await find(id)
    }

    public func find(_ id: UUID) async throws -> StoredDispute? {
        try await sql.select().columns(Self.columns).from("disputes").where("id", .equal, id).first().flatMap(Self.dispute)
    }

    public func disputes(of request: UUID) async throws -> [StoredDispute] {
        try await sql.select().columns(Self.columns).from("disputes").where("request_id", .equal, request)
            .orderBy("raised_at").all().compactMap(Self.dispute)
    }

    /// Disputes still open about any of `people` (every page that shows their records flags these).
    public func open(about people: [UUID]) async throws -> [StoredDispute] {
        guard !people.isEmpty else { return [] }
        var found: [StoredDispute] = []
        for start in stride(from: 0, to: people.count, by: 1_000) {
            let slice = Array(people[start..<min(start + 1_000, people.count)])
            found += try await sql.select().columns(Self.columns).from("disputes").where("person_id", .in, slice)
                .where("corrected_at", .is, SQLLiteral.null).all().compactMap(Self.dispute)
        }
        return found
    }

    /// Closes an open dispute with the corrected version and how many recipients were told; false when not open.
    public func corrected(_ id: UUID, version: Int, recipientsTold: Int, at now: Date) async throws -> Bool {
        guard let dispute = try await find(id), dispute.isOpen else { return false }
        try await sql.update("disputes").set("corrected_version", to: version).set("corrected_at", to: now)
            .set("recipients_told", to: recipientsTold).where("id", .equal, id).run()
        return true
    }

    static func dispute(_ row: any SQLRow) throws -> StoredDispute? {
        guard let kind = HeldRecordKind(rawValue: try row.decode(column: "record_kind", as: String.self)) else { return nil }
        return StoredDispute(
            id: try row.decode(column: "id", as: UUID.self), request: try row.decode(column: "request_id", as: UUID.self),
            person: try row.decode(column: "person_id", as: UUID.self), partner: try row.decode(column: "partner_slug", as: String.self),
            kind: kind, recordID: try row.decode(column: "record_id", as: String.self),
            disputedVersion: try row.decode(column: "disputed_version", as: Int.self),
            whatIsWrong: try row.decode(column: "what_is_wrong", as: String.self),
            raisedAt: try row.decode(column: "raised_at", as: Date.self),
            correctedVersion: try row.decode(column: "corrected_version", as: Int?.self),
            recipientsTold: try row.decode(column: "recipients_told", as: Int?.self))
    }
}
