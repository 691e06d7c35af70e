import ArgumentParser
import Foundation
import LanternDomain
import SQLKit
import Storage

/// `lantern bench reports --events N --people M`: writes a generated store of
/// events and people straight into a fresh SQLite file (no extract parsing),
/// then times the precomputed aggregates' build (done once per store change)
/// and each report over them, disclosure control and differencing guard
/// included, with a history of earlier releases for the guard to check.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports", abstract: "Report times over a large generated store.")

    @ArgumentParser.Option(help: "Events to generate.") var events = 1_000_000
    @ArgumentParser.Option(help: "People (with addresses) to generate.") var people = 100_000
    @ArgumentParser.Option(help: "Earlier releases for the differencing guard to check against.") var history = 50
    @ArgumentParser.Option var seed: UInt64 = 7

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> String {
            String(format: "%.3f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            let sql = try AppRunner.sql(app)
            let written = try await clock.measure { try await write(sql) }
            print("store          \(events) events, \(people) people written in \(seconds(written)) (SQLite)")
            var snapshot: ReportAggregates.Snapshot?
            let built = try await clock.measure { snapshot = try await ReportAggregates.build(sql, seq: 0) }
            guard let snapshot else { return }
            print("aggregates     \(snapshot.atoms.counts.count) cells built in \(seconds(built)) (once per store change)")
            let policy = DisclosurePolicy.standard(for: .board)
            var guardian = DifferencingGuard()
            let queries: [(String, ReportQuery)] = [
                ("trends by category, monthly", ReportQuery()),
                ("trends by partner, quarterly", ReportQuery(period: "quarter", by: "partner")),
                ("trends by area (districts)", ReportQuery(by: "area")),
                ("trends by sector in a district", ReportQuery(by: "area", area: snapshot.atoms.districts.first)),
                ("sensitive, by quarter", ReportQuery(period: "quarter", category: "sensitive")),
            ]
            // Earlier releases: the same reports over other year-long windows.
            let last = snapshot.atoms.months?.upperBound ?? 0
            for k in 0..<history {
                let to = last - k % 24
                let query = ReportQuery(from: MonthIndex.label(to - 11, level: .month), to: MonthIndex.label(to, level: .month),
                                        by: ["category", "partner", "area"][k % 3])
                let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: last)
                let report = TrendsReport(request: request, atoms: snapshot.atoms)
                guardian.remember(policy.release(report.table(at: report.ladder().levels[0])).cells)
            }
            for (name, query) in queries {
                var outcome = ""
                let took = try await clock.measure {
                    let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: last)
                    let report = TrendsReport(request: request, atoms: snapshot.atoms)
                    for level in report.ladder().levels {
                        let released = policy.release(report.table(at: level))
                        let isolated = guardian.isolations(of: released.cells, largestSuppressed: 7, count: snapshot.atoms.count)
                        if isolated.isEmpty { outcome = "\(released.rows.count)x\(released.columns.count) at \(level.period.rawValue)/\(level.area.rawValue)"; break }
                        outcome = "refused"
                    }
                }
                print("\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(seconds(took))  \(outcome)")
            }
            let hotspot = try await clock.measure {
                let request = try ReportRequest(ReportQuery(), atoms: snapshot.atoms, thisMonth: last)
                let report = HotspotReport(request: request, atoms: snapshot.atoms, addresses: snapshot.addresses)
                let released = policy.release(report.table(cells: report.cells()))
                _ = guardian.isolations(of: released.cells, largestSuppressed: 7, count: snapshot.atoms.count)
            }
            print("\("hotspots".padding(toLength: 32, withPad: " ", startingAt: 0)) \(seconds(hotspot))")

            // An import of 10,000 events (a tenth of them new versions of earlier events), then the in-place update.
            let batch = UUID()
            var insert = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                            "person_record_id", "category", "role", "occurred_on", "location_postcode")
            for i in 0..<10_000 {
                insert = insert.values(UUID(), "partner-\(i % 8 + 1)", "NEW-\(i)", 1, batch, Date(), "P-\(i)", "asb", "victim", "2026-12-01", "HW1 1AB")
                if i % 500 == 499 { try await insert.run(); insert = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at", "person_record_id", "category", "role", "occurred_on", "location_postcode") }
            }
            try await StoreChangeLog(database: sql).noteImport(batch: batch, at: Date())
            let latest = try await StoreChangeLog(database: sql).latest()
            var updated: ReportAggregates.Snapshot?
            let update = try await clock.measure { updated = try await ReportAggregates.update(snapshot, sql, to: latest) }
            print("\("update after 10,000-event import".padding(toLength: 32, withPad: " ", startingAt: 0)) \(seconds(update))  \(updated == nil ? "rebuilt" : "updated in place") (a full build took \(seconds(built)))")

            // The people-based reports: their facts are read once per store change, then each report is drawn from them.
            var facts: BoardFacts?
            let read = try await clock.measure { facts = try await BoardFacts.read(sql, seq: latest) }
            print("\("people-based facts read".padding(toLength: 32, withPad: " ", startingAt: 0)) \(seconds(read))  \(facts?.incidents.count ?? 0) victim incidents (once per store change)")
            if let facts {
                for (name, report) in [("repeat victimisation by quarter", BoardReport.repeatVictimisation), ("repeat victimisation by area", .repeatVictimisation)] {
                    let took = try await clock.measure {
                        let query = name.hasSuffix("area") ? ReportQuery(by: "area") : ReportQuery(period: "quarter")
                        let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: last)
                        let draft = try BoardTables(request: request, facts: facts, places: snapshot.atoms, thisMonth: last).draft(report)
                        for candidate in draft.candidates {
                            let released = policy.release(candidate.table)
                            if guardian.isolations(of: released.cells, largestSuppressed: 7, count: draft.atoms.count).isEmpty { break }
                        }
                    }
                    print("\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(seconds(took))")
                }
            }
        }
    }

    /// Events over 36 months, 8 partners, every category and about 400 postcode sectors; people with addresses.
    func write(_ sql: any SQLDatabase) async throws {
        var random = SplitMix(seed: seed)
        let categories = EventCategory.allCases.map(\.rawValue)
        let partners = (1...8).map { "partner-\($0)" }
        let batch = UUID()
        let now = Date()
        func postcode() -> String {
            let district = random.next(below: 40) + 1, sector = random.next(below: 10)
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            return "HW\(district) \(sector)\(letters[random.next(below: 20)])\(letters[random.next(below: 20)])"
        }
        let chunk = 500
        for start in stride(from: 0, to: events, by: chunk) {
            var insert = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                            "person_record_id", "category", "role", "occurred_on", "location_postcode")
            for i in start..<min(start + chunk, events) {
                let month = random.next(below: 36), day = random.next(below: 28) + 1
                let date = String(format: "%04d-%02d-%02d", 2024 + month / 12, month % 12 + 1, day)
                insert = insert.values(UUID(), partners[i % 8], "E-\(i)", 1, batch, now, "P-\(random.next(below: max(1, people)))",
                                       categories[random.next(below: categories.count)], "victim", date, postcode())
            }
            try await insert.run()
        }
        for start in stride(from: 0, to: people, by: chunk) {
            var insert = sql.insert(into: "source_records").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                                    "postcode", "uprn")
            for i in start..<min(start + chunk, people) {
                insert = insert.values(UUID(), partners[i % 8], "P-\(i)", 1, batch, now, postcode(), String(100_000 + i / 3))
            }
            try await insert.run()
        }
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
