import Foundation
import LanternDomain
import SQLKit

/// One release as the register keeps it.
public struct StoredRelease: Sendable, Hashable {
    public var id: UUID
    public var report: String
    public var audience: String
    public var policyVersion: Int
    public var digest: String
    public var table: ReleasedTable
    public var releasedAt: Int64
}

/// The register of released tables: the differencing guard's memory.
///
/// Use ``history()`` before releasing and ``record(...)`` in the same
/// transaction as the release's audit entry. Contract: releases are never
/// changed or deleted; the guard must see every one.
public struct ReleaseRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Every earlier release's cells, one array per release, oldest first.
    public func history() async throws -> [[ReleasedCell]] {
        let decoder = JSONDecoder()
        return try await sql.select().column("cells").from("disclosure_releases").orderBy("released_at").all().map { row in
            try decoder.decode([ReleasedCell].self, from: Data(try row.decode(column: "cells", as: String.self).utf8))
        }
    }

    /// Every release's id: the guard's memory is complete when it holds each.
    public func ids() async throws -> [UUID] {
        try await sql.select().column("id").from("disclosure_releases").all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The cells of these releases (read in chunks through the primary key).
    public func cells(of ids: [UUID]) async throws -> [UUID: [ReleasedCell]] {
        let decoder = JSONDecoder()
        var result: [UUID: [ReleasedCell]] = [:]
        for start in stride(from: 0, to: ids.count, by: 1_000) {
            for row in try await sql.select().columns("id", "cells").from("disclosure_releases")
                .where("id", .in, SQLBind.group(Array(ids[start..<min(start + 1_000, ids.count)]))).all() {
                result[try row.decode(column: "id", as: UUID.self)] =
                    try decoder.decode([ReleasedCell].self, from: Data(try row.decode(column: "cells", as: String.self).utf8))
            }
        }
        return result
    }

    public func record(_ table: ReleasedTable, report: String, policy: DisclosurePolicy, digest: String, by actor: String,
                       at seconds: Int64) async throws -> UUID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let id = UUID()
        var shown = table
        shown.cells = []
        try await sql.insert(into: "disclosure_releases")
            .columns("id", "report", "audience", "policy_version", "digest", "released_table", "cells", "released_by", "released_at")
            .values(id, report, policy.audience.rawValue, policy.version, digest,
                    String(decoding: try encoder.encode(shown), as: UTF8.self),
                    String(decoding: try encoder.encode(table.cells), as: UTF8.self), actor, seconds)
            .run()
        return id
    }

    /// Whether exactly this table (by its hash) was released before: a repeat adds nothing for the guard to remember.
    public func contains(digest: String) async throws -> Bool {
        try await sql.select().column("id").from("disclosure_releases").where("digest", .equal, digest).first() != nil
    }

    /// The latest releases, newest first.
    public func recent(limit: Int) async throws -> [StoredRelease] {
        let decoder = JSONDecoder()
        return try await sql.select().columns("id", "report", "audience", "policy_version", "digest", "released_table", "released_at")
            .from("disclosure_releases").orderBy("released_at", .descending).limit(limit).all().map { row in
                StoredRelease(id: try row.decode(column: "id", as: UUID.self), report: try row.decode(column: "report", as: String.self),
                              audience: try row.decode(column: "audience", as: String.self),
                              policyVersion: try row.decode(column: "policy_version", as: Int.self),
                              digest: try row.decode(column: "digest", as: String.self),
                              table: try decoder.decode(ReleasedTable.self, from: Data(try row.decode(column: "released_table", as: String.self).utf8)),
                              releasedAt: try row.decode(column: "released_at", as: Int64.self))
            }
    }
}

/// Events counted by month, partner, category and postcode: the finest
/// pieces every report is built from, each a count of events, never a person.
public struct EventAggregateRow: Sendable, Hashable {
    public var month: String  // YYYY-MM
    public var partner: String
    public var category: String
    public var postcode: String
    public var count: Int

    public init(month: String, partner: String, category: String, postcode: String, count: Int) {
        self.month = month
        self.partner = partner
        self.category = category
        self.postcode = postcode
        self.count = count
    }
}

/// Reads the event aggregates the reports are built from.
public struct DisclosureAggregateRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Events grouped by month, partner, category and event postcode.
    public func eventCounts() async throws -> [EventAggregateRow] {
        try await eventCountQuery().all().map(Self.aggregateRow)
    }

    /// The same groups handed to `each` as they arrive, so that a store of
    /// millions of events is never held as rows in memory at once (each group
    /// is a postcode, and there are nearly as many groups as events).
    public func eventCounts(_ each: @escaping @Sendable (EventAggregateRow) -> Void) async throws {
        try await eventCountQuery().run { row in
            // A row that does not decode is a column of an unexpected type: it cannot be counted, and the rest still can.
            if let decoded = try? Self.aggregateRow(row) { each(decoded) }
        }
    }

    private func eventCountQuery() -> SQLSelectBuilder {
        let month = SQLFunction("SUBSTR", args: SQLColumn("occurred_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("7"))
        return sql.select()
            .column(month, as: "month").column("partner_slug").column("category").column("location_postcode")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("events")
            .where(SQLColumn("occurred_on"), .isNot, SQLLiteral.null)
            .groupBy(month).groupBy("partner_slug").groupBy("category").groupBy("location_postcode")
    }

    private static func aggregateRow(_ row: any SQLRow) throws -> EventAggregateRow {
        EventAggregateRow(month: try row.decode(column: "month", as: String.self),
                          partner: try row.decode(column: "partner_slug", as: String.self),
                          category: try row.decode(column: "category", as: String?.self) ?? "",
                          postcode: try row.decode(column: "location_postcode", as: String?.self) ?? "",
                          count: try row.decode(column: "n", as: Int.self))
    }

    /// What import batches changed in the event counts: +1 for each version
    /// they wrote, -1 for the version each replaced. Nil when a record was
    /// written twice across `batches` (the replaced version is then itself
    /// one of theirs, and only a full count is right). Reads the batches'
    /// rows through the batch index and the versions through their unique
    /// key, so the cost follows the import, not the store.
    public func eventChanges(batches: [UUID]) async throws -> [EventAggregateRow]? {
        guard !batches.isEmpty else { return [] }
        let pending = Set(batches)
        var rows: [EventAggregateRow] = []
        var replaced: [UUID: Int] = [:]  // record -> the version its current one replaced
        func row(_ decoded: any SQLRow, sign: Int) throws -> EventAggregateRow? {
            guard let day = try decoded.decode(column: "occurred_on", as: String?.self), day.count >= 7 else { return nil }
            return EventAggregateRow(month: String(day.prefix(7)), partner: try decoded.decode(column: "partner_slug", as: String.self),
                                     category: try decoded.decode(column: "category", as: String?.self) ?? "",
                                     postcode: try decoded.decode(column: "location_postcode", as: String?.self) ?? "", count: sign)
        }
        for current in try await sql.select().columns("id", "version", "occurred_on", "partner_slug", "category", "location_postcode")
            .from("events").where("batch_id", .in, SQLBind.group(batches)).all() {
            if let added = try row(current, sign: 1) { rows.append(added) }
            let version = try current.decode(column: "version", as: Int.self)
            if version > 1 { replaced[try current.decode(column: "id", as: UUID.self)] = version - 1 }
        }
        let records = Array(replaced.keys)
        for start in stride(from: 0, to: records.count, by: 5_000) {
            let chunk = Array(records[start..<min(start + 5_000, records.count)])
            for earlier in try await sql.select().columns("record_uuid", "version", "batch_id", "occurred_on", "partner_slug", "category", "location_postcode")
                .from("event_versions").where("record_uuid", .in, SQLBind.group(chunk)).all() {
                let record = try earlier.decode(column: "record_uuid", as: UUID.self)
                guard replaced[record] == (try earlier.decode(column: "version", as: Int.self)) else { continue }
                if pending.contains(try earlier.decode(column: "batch_id", as: UUID.self)) { return nil }
                if let removed = try row(earlier, sign: -1) { rows.append(removed) }
            }
        }
        return rows
    }

    /// Whether any of these batches wrote people records.
    public func wroteRecords(batches: [UUID]) async throws -> Bool {
        guard !batches.isEmpty else { return false }
        return try await sql.select().column("id").from("source_records").where("batch_id", .in, SQLBind.group(batches)).limit(1).first() != nil
    }

    /// Distinct addresses (UPRN, else postcode) per postcode on the people records: how many addresses a map cell holds.
    public func addressesByPostcode() async throws -> [String: Int] {
        let rows = try await sql.select().distinct().column("postcode").column("uprn").from("source_records")
            .where(SQLColumn("postcode"), .isNot, SQLLiteral.null).all()
        var addresses: [String: Set<String>] = [:]
        for row in rows {
            let postcode = try row.decode(column: "postcode", as: String.self)
            let uprn = try row.decode(column: "uprn", as: String?.self)
            addresses[postcode, default: []].insert(uprn ?? postcode)
        }
        return addresses.mapValues(\.count)
    }
}
