import Foundation
import LanternDomain
import SQLKit

/// Writes validated extract rows for one partner and one batch, keeping the
/// earlier version of any record the partner sends again.
///
/// Use it inside the import's transaction, one chunk at a time. Contract: a
/// chunk holds each record id at most once; an updated record keeps its
/// internal id (and its person), its version number goes up by one, and the
/// previous row moves to the versions table unchanged.
public struct ImportWriter: Sendable {
    let sql: any SQLDatabase
    public let partner: String
    public let kind: ImportKind
    public let batchID: UUID
    public let receivedAt: Date

    public init(database: any SQLDatabase, partner: String, kind: ImportKind, batchID: UUID, receivedAt: Date) {
        self.sql = database
        self.partner = partner
        self.kind = kind
        self.batchID = batchID
        self.receivedAt = receivedAt
    }

    /// The partner's person record ids, from this list, that the store holds.
    public func knownPeople(_ ids: Set<String>) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.select().column("record_id").from("source_records")
            .where("partner_slug", .equal, partner)
            .where("record_id", .in, Array(ids))
            .all()
        return Set(try rows.map { try $0.decode(column: "record_id", as: String.self) })
    }

    /// Writes one chunk; returns how many rows were new and how many updated.
    public func write(_ rows: [ValidatedRow]) async throws -> (loaded: Int, updated: Int) {
        guard !rows.isEmpty else { return (0, 0) }
        let table = RecordColumns.table(for: kind)
        let existing = try await sql.select().column("id").column("record_id").column("version")
            .columns(kind == .people ? ["person_id"] : [])
            .from(table)
            .where("partner_slug", .equal, partner)
            .where("record_id", .in, rows.map(\.recordID))
            .all()
        var prior: [String: (id: UUID, version: Int, person: UUID?)] = [:]
        for row in existing {
            let person = kind == .people ? try row.decodeNil(column: "person_id") ? nil
                : row.decode(column: "person_id", as: UUID.self) : nil
            prior[try row.decode(column: "record_id", as: String.self)] =
                (try row.decode(column: "id", as: UUID.self), try row.decode(column: "version", as: Int.self), person)
        }
        if !prior.isEmpty { try await keepPriorVersions(Array(prior.keys), from: table) }

        var newPeople: [PersonRow] = []
        var personIDs: [String: UUID] = [:]
        if kind == .people {
            // Until linkage joins them, each new source record is its own person.
            for case .person(let row) in rows where prior[row.recordID]?.person == nil {
                personIDs[row.recordID] = UUID.timeOrdered()
                newPeople.append(row)
            }
            try await PeopleRepository(database: sql).create(newPeople, ids: personIDs, at: receivedAt)
        }
        let provenance = RecordColumns.provenanceColumns(for: kind)
        let columns = ["id"] + provenance + RecordColumns.dataColumns(for: kind)
        // Keep each statement under both drivers' bind limits (SQLite 32,766).
        let perStatement = max(1, 20_000 / columns.count)
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + perStatement, rows.count)]
            var insert = sql.insert(into: table).columns(columns)
            for row in slice {
                let before = prior[row.recordID]
                var values: [any Encodable & Sendable] = [
                    before?.id ?? UUID.timeOrdered(), partner, row.recordID, (before?.version ?? 0) + 1, batchID, receivedAt,
                ]
                if kind == .people { values.append(before?.person ?? personIDs[row.recordID]) }
                values += RecordColumns.values(of: row)
                insert = insert.values(values)
            }
            try await insert.run()
            start += perStatement
        }
        return (rows.count - prior.count, prior.count)
    }

    /// Copies the current rows to the versions table, then removes them so
    /// the new versions can be inserted with the same ids.
    private func keepPriorVersions(_ recordIDs: [String], from table: String) async throws {
        let versions = RecordColumns.versionsTable(for: kind)
        let shared = (RecordColumns.provenanceColumns(for: kind) + RecordColumns.dataColumns(for: kind))
            .joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: versions) (record_uuid, superseded_at, \(unsafeRaw: shared)) \
            SELECT id, \(bind: receivedAt), \(unsafeRaw: shared) FROM \(unsafeRaw: table) \
            WHERE partner_slug = \(bind: partner) AND record_id IN (\(binds: recordIDs))
            """).run()
        try await sql.delete(from: table)
            .where("partner_slug", .equal, partner)
            .where("record_id", .in, recordIDs)
            .run()
    }
}
