import ArgumentParser
import Foundation
import LanternDomain
import SQLKit
import Storage

/// `lantern bench panels --cases N --events M`: what repeat detection adds
/// to an events import. Fills a fresh SQLite store with N open MARAC cases
/// and an import batch of M domestic-abuse events (half about people on
/// those cases), then times the repeat step the import runs after its
/// commit: finding the batch's events, loading every open pair, matching,
/// and notifying the coordinator.
struct PanelBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "panels", abstract: "Repeat detection cost on an events import.")

    @ArgumentParser.Option(help: "Open MARAC cases in the store.") var cases = 50_000
    @ArgumentParser.Option(help: "Domestic-abuse events in the import batch.") var events = 10_000

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-panels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let caseCount = cases
        let eventCount = events
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            guard let sql = app.db as? any SQLDatabase else { return }
            let area = PanelDemo.area(attending: ["bench-police"])
            try await PanelAreaRepository(database: sql).save(area, by: "bench", at: Date())
            let today = CalendarDate.today(at: Date())
            let referral = MaracReferral(victim: "", perpetrators: [], children: [], referrer: "bench", partner: "bench-police",
                                         referredOn: today.adding(days: -30), dash: nil)
            let referralText = String(decoding: try JSONEncoder().encode(referral), as: UTF8.self)
            var victims: [UUID] = []
            let now = Date()
            for start in stride(from: 0, to: caseCount, by: 1_000) {
                var insert = sql.insert(into: "marac_cases").columns(
                    "id", "reference", "area_slug", "area_version", "victim_id", "perpetrator_id", "people", "state", "routes", "referral",
                    "referrer_id", "partner", "referred_on", "emergency", "created_at", "updated_at")
                for index in start..<min(start + 1_000, caseCount) {
                    let victim = UUID()
                    victims.append(victim)
                    insert = insert.values(UUID(), "BENCH-\(index)", area.slug, 1, victim, UUID(), "{\"perpetrators\":[],\"children\":[]}",
                                           "accepted", "[]", referralText, UUID(), "bench-police",
                                           today.adding(days: -(index % 300)).description, false, now, now)
                }
                try await insert.run()
            }
            let batch = UUID()
            for start in stride(from: 0, to: eventCount, by: 500) {
                var records = sql.insert(into: "source_records").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at", "person_id")
                var rows = sql.insert(into: "events").columns("id", "partner_slug", "record_id", "version", "batch_id", "received_at",
                                                               "person_record_id", "category", "data_category", "role", "occurred_on")
                for index in start..<min(start + 500, eventCount) {
                    // Half the events are about people on open cases: the rest about others.
                    let person = index % 2 == 0 ? victims[(index * 7) % victims.count] : UUID()
                    records = records.values(UUID(), "bench-police", "PR-\(index)", 1, batch, now, person)
                    rows = rows.values(UUID(), "bench-police", "EV-\(index)", 1, batch, now, "PR-\(index)", "domestic-abuse", "domestic-abuse",
                                       "victim", today.description)
                }
                try await records.run()
                try await rows.run()
            }
            let clock = ContinuousClock()
            let start = clock.now
            let (found, matches) = try await PanelRepeats.matches(inBatch: batch, sql: sql, repeatWindowMonths: area.repeatWindowMonths)
            let matching = clock.now - start
            let raiseStart = clock.now
            let raised = try await PanelRepeats.raise(afterBatch: batch, database: app.db, gate: app.accessGate, audit: app.auditTrail)
            let total = clock.now - raiseStart
            func ms(_ duration: Duration) -> String {
                String(format: "%.0f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
            }
            print("repeat detection: \(found.count) domestic-abuse events against \(caseCount) open MARAC cases (SQLite)")
            print("  find events + load open pairs + match: \(ms(matching)), \(matches.count) possible repeats")
            print("  whole step added to the import (with notifications, none to send: no staff): \(ms(total)), \(raised) notifications")
        }
    }
}
