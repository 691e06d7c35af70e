import ArgumentParser
import Foundation
import LanternDomain
import SQLKit
import Storage

/// `lantern bench casework`: over the store in `LANTERN_DATA` (for example a
/// demo made with `lantern demo --people 250000 --no-serve`), time the full
/// recompute of the case-finding list, then import an events extract that
/// touches `--touch` people and time the list's incremental update after it.
/// The import stays in the store (its records are named BENCH-...).
struct CaseworkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "casework", abstract: "Case-finding list recompute and incremental update times over a store.")

    @ArgumentParser.Option(help: "The SQLite file name in LANTERN_DATA.") var file = "demo.sqlite"
    @ArgumentParser.Option(help: "How many people the benchmark's events import is about.") var touch = 1_000
    @ArgumentParser.Option(help: "The partner whose records the events are about.") var partner = "harrowmere-police"

    func run() async throws {
        var config = LanternConfiguration.fromEnvironment()
        config.sqliteFile = file
        config.logLevel = .warning
        try await AppRunner.withApp(config) { app in
            let sql = try AppRunner.sql(app)
            let today = CalendarDate.today(at: Date())
            await app.casework.invalidate()
            let full = try await app.casework.caseFindingList(sql, today: today)
            guard let recompute = await app.casework.lastRefresh else { return }
            print(String(format: "households     %d (%d on the list)", full.count, full.ranked().count))
            print(String(format: "recompute      %.2f s", recompute.seconds))

            let people = try await sql.select().column("record_id").from("source_records").where("partner_slug", .equal, partner)
                .orderBy("record_id").limit(touch).all().map { try $0.decode(column: "record_id", as: String.self) }
            let stamp = Int(Date().timeIntervalSince1970)
            let rows = people.enumerated().map { index, record in
                "BENCH-\(stamp)-\(index),\(record),asb,subject,\(today),Synthetic event for the case-finding benchmark"
            }
            let extract = "record_id,person_record_id,category,role,occurred_on,summary\n" + rows.joined(separator: "\n") + "\n"
            let clock = ContinuousClock()
            let importStart = clock.now
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "bench")
                .run(partner: partner, kind: .events, source: .data(Data(extract.utf8), name: "bench-events.csv", contentType: nil))
            let imported = clock.now
            let updated = try await app.casework.caseFindingList(sql, today: today)
            guard let refresh = await app.casework.lastRefresh else { return }
            print(String(format: "import         %d events in %.2f s", rows.count, LinkBench.seconds(imported - importStart)))
            print(String(format: "after import   %@ update of %d households in %.3f s (%d on the list)",
                         refresh.incremental ? "incremental" : "full", refresh.households, refresh.seconds, updated.ranked().count))
            print("peak memory    \(PeakMemory.megabytes()) MB")
        }
    }
}
