import Fluent
import Foundation
import LanternDomain
import SQLKit
import Storage

/// The generated store `lantern bench reports` times the reports over,
/// written straight into the tables (no extract parsing): people with
/// addresses, sex, birth and households of three, and events over 36 months,
/// 8 partners, every category and about 400 postcode sectors, each event
/// about one of the people at the partner that holds their record.
struct ReportBenchStore {
    let events: Int
    let people: Int
    let seed: UInt64

    static let partners = (1...8).map { "partner-\($0)" }

    /// Rows per transaction and per INSERT: SQLite commits (and its write-ahead
    /// log rewrites every page a transaction touched) once per transaction, so
    /// large ones; 1,000 rows of 11 columns stays under both stores' bound-parameter limits.
    static let perTransaction = 100_000
    static let perInsert = 1_000

    /// Writes the store: the plain indexes of the loaded tables are dropped
    /// first and made again at the end, and ids are handed out in order, so
    /// every remaining index grows at its end instead of at random pages.
    func write(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        var random = SplitMix(seed: seed)
        var ids = OrderedIDs(seed: seed)
        try await BulkLoadIndexes.drop(on: sql)
        let batch = ids.make()
        for start in stride(from: 0, to: people, by: Self.perTransaction) {
            var rows: [PersonRow] = []
            rows.reserveCapacity(Self.perTransaction)
            var household = UUID(), address = ""
            for i in start..<min(start + Self.perTransaction, people) {
                if i % 3 == 0 {
                    household = ids.make()
                    address = Self.postcode(&random)
                }
                let birth = String(format: "%04d-%02d-%02d", 1940 + random.next(below: 80), random.next(below: 12) + 1, random.next(below: 28) + 1)
                rows.append(PersonRow(index: i, record: ids.make(), person: ids.make(), household: household,
                                      newHousehold: i % 3 == 0 ? min(3, people - i) : 0, address: address, birth: birth))
            }
            let chunk = rows
            try await Self.inTransaction(database) { sql in try await Self.insert(chunk, batch: batch, into: sql) }
        }
        let categories = EventCategory.allCases.map(\.rawValue)
        for start in stride(from: 0, to: events, by: Self.perTransaction) {
            var rows: [EventRow] = []
            rows.reserveCapacity(Self.perTransaction)
            for i in start..<min(start + Self.perTransaction, events) {
                let month = random.next(below: 36), day = random.next(below: 28) + 1
                let date = String(format: "%04d-%02d-%02d", 2024 + month / 12, month % 12 + 1, day)
                let person = random.next(below: max(1, people))
                rows.append(EventRow(index: i, id: ids.make(), person: person, category: categories[random.next(below: categories.count)],
                                     date: date, postcode: Self.postcode(&random)))
            }
            let chunk = rows
            try await Self.inTransaction(database) { sql in try await Self.insert(chunk, batch: batch, into: sql) }
        }
        try await BulkLoadIndexes.create(on: sql)
    }

    struct PersonRow: Sendable {
        var index: Int, record: UUID, person: UUID, household: UUID
        /// The size of the household this person starts, or 0.
        var newHousehold: Int
        var address: String, birth: String
    }

    struct EventRow: Sendable {
        var index: Int, id: UUID, person: Int, category: String, date: String, postcode: String
    }

    /// One transaction on one connection, with a page cache big enough for a
    /// large batch on SQLite (the setting lasts for that connection).
    static func inTransaction(_ database: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await database.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            if tx.dialect.name == "sqlite" { try await tx.raw("PRAGMA cache_size = -262144").run() }
            try await body(tx)
        }
    }

    static func insert(_ rows: [PersonRow], batch: UUID, into sql: any SQLDatabase) async throws {
        let now = Date()
        for start in stride(from: 0, to: rows.count, by: perInsert) {
            let part = rows[start..<min(start + perInsert, rows.count)]
            var records = sql.insert(into: "source_records").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                                     "person_id", "postcode", "uprn", "sex", "date_of_birth")
            var persons = sql.insert(into: "people").columns("id", "display_name", "date_of_birth", "created_at")
            var households = sql.insert(into: "households").columns("id", "size", "grouped_at")
            var members = sql.insert(into: "household_members").columns("household_id", "person_id")
            var newHouseholds = 0
            for row in part {
                if row.newHousehold > 0 {
                    households = households.values(row.household, row.newHousehold, now)
                    newHouseholds += 1
                }
                records = records.values(row.record, partners[row.index % 8], personRecord(row.index), 1, batch, now, row.person, row.address,
                                         String(100_000 + row.index / 3), row.index % 2 == 0 ? "F" : "M", row.birth)
                persons = persons.values(row.person, "Person \(row.index)", row.birth, now)
                members = members.values(row.household, row.person)
            }
            try await records.run()
            try await persons.run()
            if newHouseholds > 0 { try await households.run() }
            try await members.run()
        }
    }

    static func insert(_ rows: [EventRow], batch: UUID, into sql: any SQLDatabase) async throws {
        let now = Date()
        for start in stride(from: 0, to: rows.count, by: perInsert) {
            var insert = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                            "person_record_id", "category", "role", "occurred_on", "location_postcode")
            for row in rows[start..<min(start + perInsert, rows.count)] {
                insert = insert.values(row.id, partners[row.person % 8], String(format: "E-%08d", row.index), 1, batch, now,
                                       personRecord(row.person), row.category, "victim", row.date, row.postcode)
            }
            try await insert.run()
        }
    }

    /// A person's record id at their partner: zero-padded, so records go into the key index in order.
    static func personRecord(_ index: Int) -> String { String(format: "P-%08d", index) }

    static func postcode(_ random: inout SplitMix) -> String {
        let district = random.next(below: 40) + 1, sector = random.next(below: 10)
        return "HW\(district) \(sector)\(letters[random.next(below: 20)])\(letters[random.next(below: 20)])"
    }

    static let letters = Array("ABDEFGHJLNPQRSTUWXYZ")

    /// An import of `count` new events in one batch, as the importer would write them.
    static func importEvents(_ sql: any SQLDatabase, count: Int, people: Int, tag: String = "NEW") async throws -> UUID {
        let batch = UUID()
        let columns = ["id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                       "person_record_id", "category", "role", "occurred_on", "location_postcode"]
        var insert = sql.insert(into: "events").columns(columns)
        for i in 0..<count {
            let person = (i * 7919) % max(1, people)
            insert = insert.values(UUID(), partners[person % 8], "\(tag)-\(i)", 1, batch, Date(), personRecord(person),
                                   i % 3 == 0 ? "domestic-abuse" : "asb", "victim", "2026-06-01", "HW1 1AB")
            if i % 500 == 499 {
                try await insert.run()
                insert = sql.insert(into: "events").columns(columns)
            }
        }
        if count % 500 != 0 { try await insert.run() }
        try await StoreChangeLog(database: sql).noteImport(batch: batch, at: Date())
        return batch
    }
}

/// Ids in the order they are made (a counter in the leading bytes, as
/// UUIDv7 puts the time there), so a bulk load appends to each id index.
struct OrderedIDs {
    var counter: UInt64 = 0
    var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed ^ 0x5EED) }

    mutating func make() -> UUID {
        counter += 1
        let c = counter
        let r = UInt64(random.next(below: Int.max))
        return UUID(uuid: (UInt8(truncatingIfNeeded: c >> 40), UInt8(truncatingIfNeeded: c >> 32), UInt8(truncatingIfNeeded: c >> 24),
                           UInt8(truncatingIfNeeded: c >> 16), UInt8(truncatingIfNeeded: c >> 8), UInt8(truncatingIfNeeded: c),
                           0x70 | UInt8(truncatingIfNeeded: r & 0x0F), UInt8(truncatingIfNeeded: r >> 4),
                           0x80 | UInt8(truncatingIfNeeded: (r >> 12) & 0x3F), UInt8(truncatingIfNeeded: r >> 18),
                           UInt8(truncatingIfNeeded: r >> 26), UInt8(truncatingIfNeeded: r >> 34), UInt8(truncatingIfNeeded: r >> 42),
                           UInt8(truncatingIfNeeded: r >> 50), UInt8(truncatingIfNeeded: r >> 56), UInt8(truncatingIfNeeded: r >> 60)))
    }
}

/// A small seeded generator, so a bench run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
