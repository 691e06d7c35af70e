import Foundation
import SQLKit

/// One version of a partner's person record: what it said, and when and how
/// it arrived.
public struct RecordVersion: Sendable, Codable, Hashable {
    public var version: Int
    public var receivedAt: Date
    public var supersededAt: Date?
    public var importFile: String?
    public var fields: [String: String]
}

/// The three kinds of record a partner sends, each kept with its earlier
/// versions in a table of its own.
public enum HeldRecordKind: String, Sendable, CaseIterable {
    case person, event, involvement

    var table: String {
        switch self {
        case .person: "source_records"
        case .event: "events"
        case .involvement: "involvements"
        }
    }

    var versionsTable: String {
        switch self {
        case .person: "source_record_versions"
        case .event: "event_versions"
        case .involvement: "involvement_versions"
        }
    }

    /// The fields a history shows.
    var shown: [String] {
        switch self {
        case .person: ["given_names", "family_name", "other_names", "date_of_birth", "sex", "address_line", "postcode",
                       "uprn", "phone", "email", "nhs_number", "cro_number"]
        case .event: ["person_record_id", "category", "data_category", "role", "occurred_on", "summary", "location_postcode",
                      "nature", "opinion_basis", "last_action_on", "closed_on"]
        case .involvement: ["person_record_id", "service", "work_type", "worker_name", "worker_role", "contact",
                            "started_on", "ended_on"]
        }
    }
}

/// Every version of one partner's record: who it is about and what kind of
/// data it holds (for the access decision), newest version first.
public struct RecordHistory: Sendable {
    public var person: UUID?
    /// The data category of the current version (`identity` for a person record).
    public var dataCategory: String
    public var versions: [RecordVersion]
}

/// The version history of partners' records: the current row and every earlier one.
public struct RecordHistoryRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Newest first; empty when the partner holds no such record.
    public func history(of kind: HeldRecordKind = .person, partner: String, recordID: String) async throws -> RecordHistory {
        let personColumn = kind == .person ? ["person_id"] : []
        guard let current = try await sql.select()
            .columns(["id", "version", "received_at", "batch_id"] + personColumn + kind.shown)
            .from(kind.table).where("partner_slug", .equal, partner).where("record_id", .equal, recordID).first()
        else { return RecordHistory(person: nil, dataCategory: "identity", versions: []) }
        let id = try current.decode(column: "id", as: UUID.self)
        var versions = [try await version(current, kind: kind, superseded: nil)]
        for row in try await sql.select().columns(["version", "received_at", "batch_id", "superseded_at"] + kind.shown)
            .from(kind.versionsTable).where("record_uuid", .equal, id).orderBy("version", .descending).all() {
            versions.append(try await version(row, kind: kind, superseded: try row.decode(column: "superseded_at", as: Date.self)))
        }
        let person: UUID?
        switch kind {
        case .person:
            person = try current.decode(column: "person_id", as: UUID?.self)
        case .event, .involvement:
            // Events and involvements name the partner's own record of the person.
            if let record = try current.decode(column: "person_record_id", as: String?.self) {
                person = try await sql.select().column("person_id").from("source_records")
                    .where("partner_slug", .equal, partner).where("record_id", .equal, record).first()?
                    .decode(column: "person_id", as: UUID?.self)
            } else {
                person = nil
            }
        }
        let category = kind == .event ? (try current.decode(column: "data_category", as: String?.self) ?? "crime")
            : kind == .involvement ? "involvement" : "identity"
        return RecordHistory(person: person, dataCategory: category, versions: versions)
    }

    private func version(_ row: any SQLRow, kind: HeldRecordKind, superseded: Date?) async throws -> RecordVersion {
        var fields: [String: String] = [:]
        for column in kind.shown {
            if let value = try row.decode(column: column, as: String?.self) { fields[column] = value }
        }
        let batch = try row.decode(column: "batch_id", as: UUID.self)
        let file = try await sql.select().column("file_name").from("import_batches").where("id", .equal, batch).first()?
            .decode(column: "file_name", as: String.self)
        return RecordVersion(version: try row.decode(column: "version", as: Int.self),
                             receivedAt: try row.decode(column: "received_at", as: Date.self),
                             supersededAt: superseded, importFile: file, fields: fields)
    }
}
