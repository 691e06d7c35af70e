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

    func write(_ sql: any SQLDatabase) async throws {
        var random = SplitMix(seed: seed)
        let categories = EventCategory.allCases.map(\.rawValue)
        let partners = Self.partners
        let batch = UUID()
        let now = Date()
        func postcode() -> String {
            let district = random.next(below: 40) + 1, sector = random.next(below: 10)
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            return "HW\(district) \(sector)\(letters[random.next(below: 20)])\(letters[random.next(below: 20)])"
        }
        let chunk = 500
        // People: each their own person, three to a household at one address.
        var household = UUID()
        for start in stride(from: 0, to: people, by: chunk) {
            var records = sql.insert(into: "source_records").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                                     "person_id", "postcode", "uprn", "sex", "date_of_birth")
            var persons = sql.insert(into: "people").columns("id", "display_name", "date_of_birth", "created_at")
            var households = sql.insert(into: "households").columns("id", "size", "grouped_at")
            var members = sql.insert(into: "household_members").columns("household_id", "person_id")
            var newHouseholds = 0
            var address = postcode()
            for i in start..<min(start + chunk, people) {
                if i % 3 == 0 {
                    household = UUID()
                    address = postcode()
                    households = households.values(household, min(3, people - i), now)
                    newHouseholds += 1
                }
                let person = UUID()
                let birth = String(format: "%04d-%02d-%02d", 1940 + random.next(below: 80), random.next(below: 12) + 1, random.next(below: 28) + 1)
                records = records.values(UUID(), partners[i % 8], "P-\(i)", 1, batch, now, person, address, String(100_000 + i / 3),
                                         i % 2 == 0 ? "F" : "M", birth)
                persons = persons.values(person, "Person \(i)", birth, now)
                members = members.values(household, person)
            }
            try await records.run()
            try await persons.run()
            if newHouseholds > 0 { try await households.run() }
            try await members.run()
        }
        for start in stride(from: 0, to: events, by: chunk) {
            var insert = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                            "person_record_id", "category", "role", "occurred_on", "location_postcode")
            for i in start..<min(start + chunk, events) {
                let month = random.next(below: 36), day = random.next(below: 28) + 1
                let date = String(format: "%04d-%02d-%02d", 2024 + month / 12, month % 12 + 1, day)
                let person = random.next(below: max(1, people))
                insert = insert.values(UUID(), partners[person % 8], "E-\(i)", 1, batch, now, "P-\(person)",
                                       categories[random.next(below: categories.count)], "victim", date, postcode())
            }
            try await insert.run()
        }
    }

    /// An import of `count` new events in one batch, as the importer would write them.
    static func importEvents(_ sql: any SQLDatabase, count: Int, people: Int) async throws -> UUID {
        let batch = UUID()
        let columns = ["id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                       "person_record_id", "category", "role", "occurred_on", "location_postcode"]
        var insert = sql.insert(into: "events").columns(columns)
        for i in 0..<count {
            let person = (i * 7919) % max(1, people)
            insert = insert.values(UUID(), partners[person % 8], "NEW-\(i)", 1, batch, Date(), "P-\(person)",
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
