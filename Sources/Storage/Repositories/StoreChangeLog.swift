import Foundation
import SQLKit

/// One change to what casework reads, and how far it reached.
public struct StoreChange: Sendable, Hashable {
    public enum Reach: Sendable, Hashable {
        /// The records, events and involvements an import batch wrote.
        case batch(UUID)
        /// These people's records moved between people.
        case people(Set<UUID>)
        /// Anything may have changed (a full linkage run, households regrouped).
        case everything
    }

    public var seq: Int
    public var reach: Reach
    /// What wrote it: "import", "linkage", "linkage-model", "disposal", "agreements", ...
    public var kind: String = ""
}

/// The numbered change log (`store_changes`). Writers note a change inside
/// their own transaction; readers compare the latest number with the one they
/// built from and re-read only what the changes since reached.
public struct StoreChangeLog: Sendable {
    let sql: any SQLDatabase
    /// Above this many people a change is noted as reaching everything: a
    /// recompute is then cheaper than a targeted update.
    public static let widest = 5_000

    public init(database: any SQLDatabase) { self.sql = database }

    public func noteImport(batch: UUID, at now: Date) async throws {
        try await note(kind: "import", batch: batch, people: nil, at: now)
    }

    public func notePeopleMoved(_ people: Set<UUID>, at now: Date) async throws {
        if people.count > Self.widest { return try await noteEverything(kind: "linkage", at: now) }
        let list = people.map(\.uuidString).sorted().joined(separator: ",")
        try await note(kind: "linkage", batch: nil, people: list, at: now)
    }

    public func noteEverything(kind: String, at now: Date) async throws {
        try await note(kind: kind, batch: nil, people: nil, at: now)
    }

    /// Advisory lock key that orders change numbers on PostgreSQL ("LNTRNCHG").
    static let numberingLock: Int64 = 0x4C4E_5452_4E43_4847

    /// Appends one change. On PostgreSQL a sequence hands out numbers in the order
    /// transactions ask, not the order they commit, so a reader could see number 11
    /// committed, remember it, and never read a 10 that commits a moment later. Taking a
    /// transaction-scoped advisory lock in the same statement as the insert holds later
    /// writers back until this transaction ends, so numbers become visible in order.
    /// SQLite has one writer at a time already.
    private func note(kind: String, batch: UUID?, people: String?, at now: Date) async throws {
        guard sql.dialect.name == "postgresql" else {
            try await sql.insert(into: "store_changes").columns("kind", "batch_id", "people", "noted_at")
                .values(kind, batch, people, now).run()
            return
        }
        try await sql.raw("""
            INSERT INTO store_changes (kind, batch_id, people, noted_at)
            SELECT \(bind: kind)::text, \(bind: batch)::uuid, \(bind: people)::text, \(bind: now)::timestamptz
            FROM (SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.numberingLock)))) AS numbered
            """).run()
    }

    /// The number of the latest change; 0 before any.
    public func latest() async throws -> Int {
        try await sql.raw("SELECT MAX(seq) AS seq FROM store_changes").first()?.decode(column: "seq", as: Int?.self) ?? 0
    }

    /// The number of the latest change of one of these kinds; 0 before any.
    /// Call it only when ``latest()`` has moved: it reads past the primary key.
    public func latest(of kinds: [String]) async throws -> Int {
        try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("seq")), as: "seq").from("store_changes")
            .where("kind", .in, kinds).first()?.decode(column: "seq", as: Int?.self) ?? 0
    }

    /// The changes after `seq`, oldest first.
    public func changes(after seq: Int) async throws -> [StoreChange] {
        try await sql.select().columns("seq", "kind", "batch_id", "people").from("store_changes").where("seq", .greaterThan, seq)
            .orderBy("seq").all().map { row in
                let number = try row.decode(column: "seq", as: Int.self)
                let kind = try row.decode(column: "kind", as: String.self)
                if let batch = try row.decode(column: "batch_id", as: UUID?.self) {
                    return StoreChange(seq: number, reach: .batch(batch), kind: kind)
                }
                if let people = try row.decode(column: "people", as: String?.self) {
                    return StoreChange(seq: number, reach: .people(Set(people.split(separator: ",").compactMap { UUID(uuidString: String($0)) })),
                                       kind: kind)
                }
                return StoreChange(seq: number, reach: .everything, kind: kind)
            }
    }

    /// The people whose records, events or involvements an import batch wrote.
    public func people(writtenIn batch: UUID) async throws -> Set<UUID> {
        var people = Set<UUID>()
        for row in try await sql.select().column("person_id").from("source_records").where("batch_id", .equal, batch)
            .where("person_id", .isNot, SQLLiteral.null).all() {
            people.insert(try row.decode(column: "person_id", as: UUID.self))
        }
        for table in ["events", "involvements"] {
            for row in try await sql.select().column(SQLColumn("person_id", table: "s"))
                .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("t")))
                .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                      on: SQLBinaryExpression(
                        SQLBinaryExpression(SQLColumn("partner_slug", table: "s"), .equal, SQLColumn("partner_slug", table: "t")),
                        .and,
                        SQLBinaryExpression(SQLColumn("record_id", table: "s"), .equal, SQLColumn("person_record_id", table: "t"))))
                .where(SQLColumn("batch_id", table: "t"), .equal, SQLBind(batch)).all() {
                if let person = try row.decode(column: "person_id", as: UUID?.self) { people.insert(person) }
            }
        }
        return people
    }
}
