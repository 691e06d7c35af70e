import Foundation
import SQLKit

/// Removes a disposal batch's records and everything derived from them, in
/// the caller's transaction: earlier versions, events and services recorded
/// against a disposed person record, review pairs and reviewer decisions
/// that name them, people left with no record (and their households,
/// relationships, access requests, notifications and case-finding
/// decisions), and the names people keep that came from a disposed record.
///
/// Use it only through the App's `DisposalService`, which checks holds,
/// writes the certificate in the same transaction and wipes the freed pages
/// afterwards. Contract: run inside one transaction, so a crash leaves all of
/// the batch or none of it; the batch's items are read from `disposal_items`.
public struct DisposalRepository: Sendable {
    let sql: any SQLDatabase
    static let chunk = 1_000

    public init(database: any SQLDatabase) { self.sql = database }

    /// Adds the items (ids only) a batch names.
    public func addItems(_ ids: [UUID], table: String, to batch: UUID) async throws {
        for start in stride(from: 0, to: ids.count, by: Self.chunk) {
            var insert = sql.insert(into: "disposal_items").columns("batch_id", "item_table", "item_id")
            for id in ids[start..<min(start + Self.chunk, ids.count)] { insert = insert.values(batch, table, id) }
            try await insert.run()
        }
    }

    /// Items already named by a batch not yet carried out, so no record is put in two.
    public func itemsInOpenBatches(table: String) async throws -> Set<UUID> {
        Set(try await sql.select().column("item_id").from("disposal_items").where("item_table", .equal, table).all()
            .map { try $0.decode(column: "item_id", as: UUID.self) })
    }

    public func items(of batch: UUID, table: String) async throws -> [UUID] {
        try await sql.select().column("item_id").from("disposal_items").where("batch_id", .equal, batch)
            .where("item_table", .equal, table).all().map { try $0.decode(column: "item_id", as: UUID.self) }
    }

    public func removeItems(_ ids: [UUID], table: String, from batch: UUID) async throws {
        for start in stride(from: 0, to: ids.count, by: Self.chunk) {
            try await sql.delete(from: "disposal_items").where("batch_id", .equal, batch).where("item_table", .equal, table)
                .where("item_id", .in, Array(ids[start..<min(start + Self.chunk, ids.count)])).run()
        }
    }

    /// Removes everything the batch names and derives from it; returns rows removed by table.
    /// Names in the batch what a partner recorded against its disposed person
    /// records (their events and services), which go with them; safe to repeat.
    public func addDependents(batch: UUID) async throws {
        func items(_ table: String) -> SQLQueryString {
            "SELECT item_id FROM disposal_items WHERE batch_id = \(bind: batch) AND item_table = \(literal: table)"
        }
        for table in ["events", "involvements"] {
            try await sql.raw("""
                INSERT INTO disposal_items (batch_id, item_table, item_id)
                SELECT \(bind: batch), \(literal: table), t.id FROM \(unsafeRaw: table) t
                JOIN source_records s ON s.partner_slug = t.partner_slug AND s.record_id = t.person_record_id
                WHERE s.id IN (\(items("source_records"))) AND t.id NOT IN (\(items(table)))
                """).run()
        }
    }

    /// The partner's own ids of every source record, event and service the
    /// batch names, as (import kind, partner, record id), for tombstones.
    public func recordKeys(batch: UUID) async throws -> [(kind: String, partner: String, recordID: String)] {
        var keys: [(kind: String, partner: String, recordID: String)] = []
        for (table, kind) in [("source_records", "people"), ("events", "events"), ("involvements", "involvements")] {
            let rows = try await sql.raw("""
                SELECT partner_slug, record_id FROM \(unsafeRaw: table) WHERE id IN
                (SELECT item_id FROM disposal_items WHERE batch_id = \(bind: batch) AND item_table = \(literal: table))
                """).all()
            for row in rows {
                keys.append((kind, try row.decode(column: "partner_slug", as: String.self), try row.decode(column: "record_id", as: String.self)))
            }
        }
        return keys
    }

    /// The people whose source records the batch names.
    public func people(batch: UUID) async throws -> [UUID] {
        try await sql.raw("""
            SELECT DISTINCT person_id FROM source_records WHERE person_id IS NOT NULL AND id IN
            (SELECT item_id FROM disposal_items WHERE batch_id = \(bind: batch) AND item_table = 'source_records')
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    /// Everyone at another partner than `owner` whose reading of one of
    /// `people` the audit ledger permitted (not for a rights request) and
    /// showed them `owner`'s items, as (user id, partner): the readers a
    /// disposal notice goes to. An access decision's entry names whose items
    /// it showed (`from:a,b`); one that shows only other partners' items is
    /// no reason to tell anyone. An entry that does not say (older entries,
    /// emergency access) counts as a reading, since it cannot rule one out.
    public func readers(of people: [UUID], besides owner: String) async throws -> Set<Reader> {
        var readers = Set<Reader>()
        let subjects = people.map { "person:\($0.uuidString)" }
        for start in stride(from: 0, to: subjects.count, by: Self.chunk) {
            let query = sql.select().distinct().column("actor").column("partner_slug").from("audit_entries")
                .where("subject", .in, Array(subjects[start..<min(start + Self.chunk, subjects.count)]))
                .where("decision", .in, ["permit", "permit_with_masking"]).where("purpose", .notEqual, "rights-request")
                .where("partner_slug", .notEqual, owner)
                .where { (shown: SQLPredicateGroupBuilder) -> SQLPredicateGroupBuilder in
                    shown.where("resource", .notLike, "% from:%")
                        .orWhere("resource", .like, "% from:\(owner)")
                        .orWhere("resource", .like, "% from:\(owner),%")
                        .orWhere("resource", .like, "% from:%,\(owner)")
                        .orWhere("resource", .like, "% from:%,\(owner),%")
                }
            for row in try await query.all() {
                readers.insert(Reader(user: try row.decode(column: "actor", as: String.self),
                                      partner: try row.decode(column: "partner_slug", as: String.self)))
            }
        }
        return readers
    }

    /// Someone shown a record, by account id and partner.
    public struct Reader: Sendable, Hashable {
        public var user: String
        public var partner: String
    }

    public func remove(batch: UUID) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        func items(_ table: String) -> SQLQueryString {
            "SELECT item_id FROM disposal_items WHERE batch_id = \(bind: batch) AND item_table = \(literal: table)"
        }
        try await addDependents(batch: batch)
        let people = Set(try await sql.raw("SELECT DISTINCT person_id FROM source_records WHERE id IN (\(items("source_records"))) AND person_id IS NOT NULL")
            .all().map { try $0.decode(column: "person_id", as: UUID.self) })
        for (table, versions) in [("events", "event_versions"), ("involvements", "involvement_versions"),
                                  ("source_records", "source_record_versions")] {
            counts[versions] = try await deleteCounting(versions, where: "record_uuid IN (\(items(table)))")
            counts[table] = try await deleteCounting(table, where: "id IN (\(items(table)))")
        }
        // Pairs and decisions that name a disposed record would otherwise steer a re-link.
        for table in ["review_pairs", "reviewer_decisions"] {
            counts[table] = try await deleteCounting(table, where: "first_record IN (\(items("source_records"))) OR second_record IN (\(items("source_records")))")
        }
        // Operational records named directly (no personal data derives from them).
        for table in ["notifications", "access_requests"] {
            counts[table, default: 0] += try await deleteCounting(table, where: "id IN (\(items(table)))")
        }
        let (removedPeople, households) = try await settle(people: Array(people), counts: &counts)
        counts["households"] = households
        counts["people"] = removedPeople
        try await StoreChangeLog(database: sql).noteEverything(kind: "disposal", at: Date())
        try await sql.delete(from: "disposal_items").where("batch_id", .equal, batch).run()
        return counts.filter { $0.value > 0 }
    }

    /// People who lost records: those with none left go, with all that hangs
    /// on them; the rest take their name and birth date from a record they keep.
    private func settle(people: [UUID], counts: inout [String: Int]) async throws -> (Int, Int) {
        var gone: [UUID] = []
        for start in stride(from: 0, to: people.count, by: Self.chunk) {
            let slice = Array(people[start..<min(start + Self.chunk, people.count)])
            let kept = Set(try await sql.select().distinct().column("person_id").from("source_records").where("person_id", .in, slice).all()
                .map { try $0.decode(column: "person_id", as: UUID.self) })
            gone += slice.filter { !kept.contains($0) }
            let staying = slice.filter(kept.contains)
            if !staying.isEmpty {
                try await sql.raw("""
                    UPDATE people SET
                      display_name = (SELECT s.given_names || ' ' || s.family_name FROM source_records s WHERE s.person_id = people.id ORDER BY s.received_at, s.record_id LIMIT 1),
                      date_of_birth = (SELECT s.date_of_birth FROM source_records s WHERE s.person_id = people.id ORDER BY s.received_at, s.record_id LIMIT 1)
                    WHERE id IN (\(binds: staying))
                    """).run()
            }
        }
        var households = Set<UUID>()
        for start in stride(from: 0, to: gone.count, by: Self.chunk) {
            let slice = Array(gone[start..<min(start + Self.chunk, gone.count)])
            for row in try await sql.select().column("household_id").from("household_members").where("person_id", .in, slice).all() {
                households.insert(try row.decode(column: "household_id", as: UUID.self))
            }
            counts["household_members", default: 0] += try await deleteCounting("household_members", in: slice, column: "person_id")
            counts["case_relationships", default: 0] += try await deleteCounting("case_relationships", in: slice, column: "person_id")
            counts["access_requests", default: 0] += try await deleteCounting("access_requests", in: slice, column: "person_id")
            try await sql.delete(from: "people").where("id", .in, slice).run()
        }
        // A household left with fewer than two people is no longer a household:
        // it goes with its evidence (addresses) and whatever was raised about it.
        var dissolved: [UUID] = []
        let touched = Array(households)
        for start in stride(from: 0, to: touched.count, by: Self.chunk) {
            let slice = Array(touched[start..<min(start + Self.chunk, touched.count)])
            var sizes: [UUID: Int] = [:]
            for row in try await sql.select().column("household_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("household_members").where("household_id", .in, slice).groupBy("household_id").all() {
                sizes[try row.decode(column: "household_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
            for id in slice {
                let size = sizes[id] ?? 0
                if size < 2 { dissolved.append(id) } else {
                    try await sql.update("households").set("size", to: size).where("id", .equal, id).run()
                }
            }
        }
        for start in stride(from: 0, to: dissolved.count, by: Self.chunk) {
            let slice = Array(dissolved[start..<min(start + Self.chunk, dissolved.count)])
            for table in ["household_members", "household_evidence", "notifications", "case_finding_decisions", "webhook_deliveries"] {
                counts[table, default: 0] += try await deleteCounting(table, in: slice, column: "household_id")
            }
            counts["households", default: 0] += try await deleteCounting("households", in: slice, column: "id")
        }
        return (gone.count, counts["households"] ?? 0)
    }

    private func deleteCounting(_ table: String, in ids: [UUID], column: String) async throws -> Int {
        try await deleteCounting(table, where: "\(ident: column) IN (\(binds: ids))")
    }

    private func deleteCounting(_ table: String, where condition: SQLQueryString) async throws -> Int {
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 { try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE \(condition)").run() }
        return count
    }
}
