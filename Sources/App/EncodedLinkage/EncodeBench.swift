import ArgumentParser
import EncodedLinkage
import Foundation
import Synthetic

/// `lantern bench encode --records N`: generate a fictional partnership, then time
/// encoding its people files under the starting schema on every core (reading and
/// writing files not included) and print records per second.
struct EncodeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "encode", abstract: "Bloom-filter encoding throughput.")

    @ArgumentParser.Option(help: "Records to encode (people are generated at about 1.6 records each).") var records = 1_000_000
    @ArgumentParser.Option(help: "The linkage schema (default: docs/pprl-schema.json).") var schema = "docs/pprl-schema.json"
    @ArgumentParser.Option var seed: UInt64 = 7

    func run() async throws {
        let schema = try EncodeCommand.loadSchema(schema)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-encode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try ExtractGenerator.write(people: max(1, records * 10 / 16), seed: seed, to: scratch,
                                   referenceDate: ExtractGenerator.defaultReferenceDate)
        var rows: [EncodeInput.Row] = []
        for slug in PartnershipGenerator.partnerSlugs {
            rows += try EncodeInput.read(path: scratch.appendingPathComponent(slug).appendingPathComponent("people.csv").path,
                                         schema: schema)
        }
        // Top up or trim to exactly the records asked for.
        let base = rows
        while rows.count < records, !base.isEmpty { rows += base.prefix(records - rows.count) }
        rows = Array(rows.prefix(records))
        let encoder = try CLKEncoder(schema: schema, secret: Array("bench-secret-not-for-real-use-0001".utf8))
        let cpu = ProcessCPU.seconds()
        let start = ContinuousClock.now
        let clks = try await BatchEncoder.encode(rows, encoder: encoder, standardiser: ValueStandardiser.lantern(schema))
        let seconds = LinkBench.seconds(ContinuousClock.now - start)
        let cpuSeconds = ProcessCPU.seconds() - cpu
        let bits = clks.reduce(0) { $0 + $1.popcount }
        print(String(format: "encoded        %d records in %.2f s = %.0f records/s on %d cores (standardising included)",
                     clks.count, seconds, Double(clks.count) / seconds, ProcessInfo.processInfo.activeProcessorCount))
        print(String(format: "cpu            %.2f s of CPU time (wall time above is stretched when other processes share the cores)", cpuSeconds))
        print(String(format: "bits set       %.1f per %d-bit CLK on average", Double(bits) / Double(max(1, clks.count)), schema.length))
        print("peak memory    \(PeakMemory.megabytes()) MB")
    }
}

/// CPU seconds this process has used (user and system), to report work apart from the
/// wall-clock time that other processes on a shared machine stretch.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
