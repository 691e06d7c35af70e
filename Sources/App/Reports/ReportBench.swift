import ArgumentParser
import FluentPostgresDriver
import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// `lantern bench reports --events N --people M`: writes a generated store
/// (``ReportBenchStore``) into a fresh SQLite file, or, with `DATABASE_URL`
/// set, into a fresh database on that PostgreSQL server (dropped after), then
/// times what is done once per store change (the aggregates, the people-based
/// facts, the case-finding list) and each report as a request makes it:
/// drawn from the aggregates, through the count rule, the differencing guard
/// against a history of earlier releases, the register and the ledger.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports", abstract: "Report times over a large generated store (SQLite, or PostgreSQL with DATABASE_URL).")

    @ArgumentParser.Option(help: "Events to generate.") var events = 1_000_000
    @ArgumentParser.Option(help: "People (with addresses, three to a household) to generate.") var people = 100_000
    @ArgumentParser.Option(help: "Earlier releases for the differencing guard to check against.") var history = 50
    @ArgumentParser.Option var seed: UInt64 = 7
    @ArgumentParser.Option(help: "SQLite only: keep the generated store in this file, or, when it exists (written by an earlier run), time a copy of it instead of writing one.")
    var store: String?

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var config = LanternConfiguration.fromEnvironment()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let server = config.databaseURL
        if store != nil && server != nil { throw ValidationError("--store keeps a SQLite file: leave DATABASE_URL unset to use it.") }
        let kept = store.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let reuse = kept.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if let kept, reuse {
            // Copied, so that this run's releases and import leave the kept store as it was written.
            try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: kept, toPath: config.sqlitePath)
        }
        if let server { config.databaseURL = try await BenchDatabase.create(on: server) }
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        print("scale          \(people) people, \(events) events, \(history) earlier releases; \(server == nil ? "SQLite" : "PostgreSQL"); \(build)")
        do {
            try await AppRunner.withApp(config) { app in try await measure(app, keepIn: reuse ? nil : kept, reused: reuse ? kept : nil, file: config.sqlitePath) }
        } catch {
            if let server, let made = config.databaseURL { await BenchDatabase.drop(made, on: server) }
            throw error
        }
        if let server, let made = config.databaseURL { await BenchDatabase.drop(made, on: server) }
    }

    /// `keepIn`: where to copy the store (the SQLite `file`) once written; `reused`: the kept store this run's was copied from.
    func measure(_ app: Application, keepIn: String?, reused: String?, file: String) async throws {
        try await app.autoMigrate()
        let sql = try AppRunner.sql(app)
        if let reused {
            print("store          copied from \(reused) (people and events as written by the run that kept it)")
        } else {
            let written = try await clock.measure { try await ReportBenchStore(events: events, people: people, seed: seed).write(app.db) }
            line("store written", written, "\(Int(Double(events) / max(0.001, Self.seconds(written)))) events a second, indexes included")
        }
        if let keepIn {
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            try? FileManager.default.removeItem(atPath: keepIn)
            try FileManager.default.copyItem(atPath: file, toPath: keepIn)
            print("store          kept in \(keepIn) for --store")
        }
        try await StoreChangeLog(database: sql).noteEverything(kind: "bench", at: Date())

        // Once per store change, then followed incrementally or re-read.
        var snapshot: ReportAggregates.Snapshot?
        line("event aggregates built", try await clock.measure { snapshot = try await app.reportAggregates.current(sql) },
             "\(snapshot?.atoms.cellCount ?? 0) cells, once")
        var facts: BoardFacts?
        line("people-based facts read", try await clock.measure { facts = try await app.boardFacts.current(sql) },
             "\(facts?.incidentsOf.values.reduce(0) { $0 + $1.count } ?? 0) victim incidents, \(facts?.households.count ?? 0) households, once per store change")
        var listed = 0
        let today = CalendarDate.today(at: Date())
        line("case-finding list made", try await clock.measure { listed = try await app.casework.caseFindingList(sql, today: today).ranked().count },
             "\(listed) households listed (the casework list, kept incrementally)")
        if let facts {
            var counted = 0
            line("equality counts made", try await clock.measure {
                counted = try await app.equalityListing.current(app.casework, sql: sql, facts: facts).listed.count
            }, "\(counted) listed households' people by sex, age band, ethnic group and area, then kept with the list")
            line("case-finding counts made", try await clock.measure {
                counted = try await app.caseFindingTally.current(app.casework, sql: sql, facts: facts).listed.count
            }, "\(counted) listed households and their needs by district, then kept with the list")
        }

        // Earlier releases for the guard, then the register read once as a process does on its first release.
        var written = 0
        let atoms = try await app.reportAggregates.current(sql).atoms
        line("earlier releases written", try await clock.measure {
            written = try await ReportBenchHistory.write(count: history, atoms: atoms, sql: sql, seed: seed)
        }, "\(written) different tables in the register")
        let registerBytes = try await sql.select().column(SQLFunction("SUM", args: SQLFunction("LENGTH", args: SQLColumn("cells"))), as: "n")
            .from("disclosure_releases").first()?.decode(column: "n", as: Int?.self) ?? 0
        line("release register read", try await clock.measure { _ = try await ReleaseHistory.shared.index(ReleaseRepository(database: sql)) },
             "\(registerBytes / 1_000_000) MB of released cells, once per process")

        // Each report as a request makes it (aggregates current, draw, guard, register, ledger).
        let district = snapshot?.atoms.districts.first
        let eventReports: [(String, ReportQuery, Bool)] = [
            ("trends by category, monthly", ReportQuery(), false),
            ("trends by partner, quarterly", ReportQuery(period: "quarter", by: "partner"), false),
            ("trends by area (districts)", ReportQuery(by: "area"), false),
            ("trends by sector in a district", ReportQuery(by: "area", area: district), false),
            ("trends, sensitive, by quarter", ReportQuery(period: "quarter", category: "sensitive"), false),
            ("hotspots", ReportQuery(), true),
        ]
        var slowest: Duration = .zero
        for (name, query, isHotspot) in eventReports {
            var outcome = ""
            let took = try await clock.measure {
                let maker = ReportMaker(snapshot: try await app.reportAggregates.current(sql), service: ReleaseService(trail: app.auditTrail),
                                        actor: "bench", partner: "", database: app.db, thisMonth: ReportsController.thisMonth)
                outcome = await Self.outcome { isHotspot ? try await maker.hotspots(query).release.table : try await maker.trends(query).table }
            }
            slowest = max(slowest, took)
            line(name, took, outcome)
        }
        let boardReports: [(BoardReport, ReportQuery)] = BoardReport.allCases.map { ($0, ReportQuery(period: $0 == .maracReturn ? "quarter" : nil)) }
            + [(.repeatVictimisation, ReportQuery(by: "area"))]
        for (report, query) in boardReports {
            var outcome = ""
            let took = try await clock.measure {
                outcome = await Self.outcome {
                    try await BoardReportMaker.make(for: report, app: app, sql: sql, database: app.db, actor: "bench", partner: "",
                                                    thisMonth: ReportsController.thisMonth).release(report, query).table
                }
            }
            slowest = max(slowest, took)
            line(report.rawValue + (query.by == "area" ? " by area" : ""), took, outcome)
        }
        line("slowest report", slowest)

        // An import of 10,000 events, then the next report: the aggregates follow the change log.
        _ = try await ReportBenchStore.importEvents(sql, count: 10_000, people: people)
        line("event aggregates after import", try await clock.measure { _ = try await app.reportAggregates.current(sql) },
             await app.reportAggregates.lastUpdate == .incremental ? "updated in place" : "rebuilt")
        line("people-based facts after import", try await clock.measure { _ = try await app.boardFacts.current(sql) },
             await app.boardFacts.lastUpdate == .incremental ? "updated in place" : "re-read")
        _ = try await app.casework.caseFindingList(sql, today: today)
        line("equality counts after import", try await clock.measure {
            _ = try await app.equalityListing.current(app.casework, sql: sql, facts: try await app.boardFacts.current(sql))
        }, await app.equalityListing.lastUpdate == .incremental ? "updated in place" : "counted afresh, as the list was (the import reached over 5,000 people)")
        line("case-finding counts after import", try await clock.measure {
            _ = try await app.caseFindingTally.current(app.casework, sql: sql, facts: try await app.boardFacts.current(sql))
        }, await app.caseFindingTally.lastUpdate == .incremental ? "updated in place" : "counted afresh, as the list was")
        // A smaller import, within what the list follows in place.
        _ = try await ReportBenchStore.importEvents(sql, count: 1_000, people: people, tag: "SMALL")
        line("case-finding list after 1,000", try await clock.measure { _ = try await app.casework.caseFindingList(sql, today: today) },
             await app.casework.lastRefresh?.incremental == true ? "updated in place" : "recomputed")
        line("equality counts after 1,000", try await clock.measure {
            _ = try await app.equalityListing.current(app.casework, sql: sql, facts: try await app.boardFacts.current(sql))
        }, await app.equalityListing.lastUpdate == .incremental ? "updated in place" : "counted afresh")
        line("case-finding counts after 1,000", try await clock.measure {
            _ = try await app.caseFindingTally.current(app.casework, sql: sql, facts: try await app.boardFacts.current(sql))
        }, await app.caseFindingTally.lastUpdate == .incremental ? "updated in place" : "counted afresh")
        var caseFinding = ""
        line("case-finding report after 1,000", try await clock.measure {
            caseFinding = await Self.outcome {
                try await BoardReportMaker.make(for: .caseFinding, app: app, sql: sql, database: app.db, actor: "bench", partner: "",
                                                thisMonth: ReportsController.thisMonth).release(.caseFinding, ReportQuery()).table
            }
        }, caseFinding)
        var equality = ""
        line("equality report after 1,000", try await clock.measure {
            equality = await Self.outcome {
                try await BoardReportMaker.make(for: .equality, app: app, sql: sql, database: app.db, actor: "bench", partner: "",
                                                thisMonth: ReportsController.thisMonth).release(.equality, ReportQuery(split: "age")).table
            }
        }, equality + " by age band")
    }

    /// The released table's shape, or why nothing was released.
    static func outcome(_ release: () async throws -> ReleasedTable) async -> String {
        do {
            let table = try await release()
            return "\(table.rows.count)x\(table.columns.count)"
        } catch let problem as ReportProblem {
            return "refused (\(problem.code))"
        } catch {
            return "failed: \(error)"
        }
    }

    var clock: ContinuousClock { ContinuousClock() }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func line(_ name: String, _ duration: Duration, _ note: String = "") {
        let seconds = Self.seconds(duration)
        print("\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s", seconds))  \(note)")
    }
}

/// A throwaway database on the PostgreSQL server the bench was pointed at.
enum BenchDatabase {
    static func create(on server: String) async throws -> String {
        let name = "lantern_bench_" + UUID().uuidString.prefix(8).lowercased()
        try await run("CREATE DATABASE \(name)", on: server)
        guard var components = URLComponents(string: server) else { throw ValidationError("DATABASE_URL is not a URL") }
        components.path = "/" + name
        return components.string!
    }

    static func drop(_ url: String, on server: String) async {
        guard let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else { return }
        try? await run("DROP DATABASE IF EXISTS \(name)", on: server)
    }

    private static func run(_ statement: String, on server: String) async throws {
        let admin = try await Application.make(.testing)
        do {
            admin.databases.use(try .postgres(url: server), as: .psql)
            try await (admin.db as! any SQLDatabase).raw("\(unsafeRaw: statement)").run()
            try await admin.asyncShutdown()
        } catch {
            try? await admin.asyncShutdown()
            throw error
        }
    }
}
