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

/// The version history of source records: the current row and every earlier one.
public struct RecordHistoryRepository: Sendable {
    let sql: any SQLDatabase
    static let shown = ["given_names", "family_name", "other_names", "date_of_birth", "sex", "address_line", "postcode",
                        "uprn", "phone", "email", "nhs_number", "cro_number"]

    public init(database: any SQLDatabase) { self.sql = database }

    /// Newest first; empty when the partner holds no such record.
    public func history(partner: String, recordID: String) async throws -> (person: UUID?, versions: [RecordVersion]) {
        guard let current = try await sql.select().columns(["id", "person_id", "version", "received_at", "batch_id"] + Self.shown)
            .from("source_records").where("partner_slug", .equal, partner).where("record_id", .equal, recordID).first()
        else { return (nil, []) }
        let id = try current.decode(column: "id", as: UUID.self)
        var versions = [try await version(current, superseded: nil)]
        for row in try await sql.select().columns(["version", "received_at", "batch_id", "superseded_at"] + Self.shown)
            .from("source_record_versions").where("record_uuid", .equal, id).orderBy("version", .descending).all() {
            versions.append(try await version(row, superseded: try row.decode(column: "superseded_at", as: Date.self)))
        }
        return (try current.decode(column: "person_id", as: UUID?.self), versions)
    }

    private func version(_ row: any SQLRow, superseded: Date?) async throws -> RecordVersion {
        var fields: [String: String] = [:]
        for column in Self.shown {
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
