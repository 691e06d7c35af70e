import ArgumentParser
import Foundation
import Storage
import Synthetic

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure Lantern's speed and memory.",
                                                    subcommands: [ImportBench.self, LinkBench.self, EncodeBench.self, EncodedLinkBench.self, AuditBench.self, PolicyBench.self, CaseworkBench.self,
                                                                  SignInBench.self, PanelBench.self, PagesBench.self, RightsBench.self, RetentionBench.self, ReportBench.self])

    /// `lantern bench import --people N`: generate, then import every extract
    /// into a fresh SQLite store, validation included, and print the figures.
    struct ImportBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import throughput and peak memory.")
        @ArgumentParser.Option(help: "Fictional people to generate (about 1.6 source records each).") var people = 100_000
        @ArgumentParser.Option var seed: UInt64 = 7

        func run() async throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let extracts = scratch.appendingPathComponent("extracts")
            try ExtractGenerator.write(people: people, seed: seed, to: extracts, referenceDate: ExtractGenerator.defaultReferenceDate)
            let afterGenerate = PeakMemory.megabytes()
            var config = LanternConfiguration()
            config.dataDirectory = scratch.path
            config.logLevel = .warning
            let description = try PartnershipLoader.read(path: extracts.appendingPathComponent("partnership.json").path)
            let clock = ContinuousClock()
            let (summaries, elapsed) = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                try await PartnershipLoader.load(description, into: app)
                let start = clock.now
                let summaries = try await ExtractGenerator.importAll(from: extracts, partners: description.partners.map(\.slug), into: app)
                return (summaries, clock.now - start)
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            for kind in ["people", "events", "involvements"] {
                let rows = summaries.filter { $0.kind.rawValue == kind }.reduce(0) { $0 + $1.loaded + $1.updated }
                let time = summaries.filter { $0.kind.rawValue == kind }.reduce(0) { $0 + $1.seconds }
                print("\(kind.padding(toLength: 13, withPad: " ", startingAt: 0)) \(rows) rows in \(String(format: "%.2f", time)) s = \(Int(Double(rows) / max(time, 1e-9))) rows/s")
            }
            let total = summaries.reduce(0) { $0 + $1.loaded + $1.updated }
            print("all           \(total) rows in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) rows/s (SQLite, validation included)")
            print("peak memory   \(PeakMemory.megabytes()) MB (after generating: \(afterGenerate) MB)")
        }
    }
}

/// The process's peak resident set size, from the kernel.
enum PeakMemory {
    static func megabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
