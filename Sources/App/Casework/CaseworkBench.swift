import ArgumentParser
import Foundation
import LanternDomain
import Storage

/// `lantern bench casework`: over the store in `LANTERN_DATA` (for example a
/// demo made with `lantern demo --people 250000 --no-serve`), time reading
/// every household's facts and recomputing the whole case-finding list, then
/// an incremental update of 1% of households.
struct CaseworkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "casework", abstract: "Case-finding list recompute time over a store.")

    @ArgumentParser.Option(help: "The SQLite file name in LANTERN_DATA.") var file = "demo.sqlite"

    func run() async throws {
        var config = LanternConfiguration.fromEnvironment()
        config.sqliteFile = file
        config.logLevel = .warning
        try await AppRunner.withApp(config) { app in
            let sql = try AppRunner.sql(app)
            let clock = ContinuousClock()
            let today = CalendarDate.today(at: Date())
            let start = clock.now
            let facts = try await CaseworkService.facts(sql, households: nil)
            let loaded = clock.now
            let caseFinding = app.casework.caseFinding
            var list = CaseFindingList(caseFinding: caseFinding, households: facts, on: today)
            let built = clock.now
            let ranked = list.ranked()
            let touched = Array(facts.prefix(max(1, facts.count / 100)))
            let before = clock.now
            _ = list.update(touched)
            let updated = clock.now
            print(String(format: "households     %d (%d on the list)", facts.count, ranked.count))
            print(String(format: "recompute      %.2f s (read facts %.2f s, assess, score and rank %.2f s)",
                         LinkBench.seconds(built - start), LinkBench.seconds(loaded - start), LinkBench.seconds(built - loaded)))
            print(String(format: "incremental    %d touched households re-scored in %.3f s", touched.count, LinkBench.seconds(updated - before)))
            print("peak memory    \(PeakMemory.megabytes()) MB")
        }
    }
}
