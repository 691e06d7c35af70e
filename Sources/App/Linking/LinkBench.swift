import ArgumentParser
import Foundation
import Linkage
import Synthetic

/// `lantern bench link --people N`: generate a fictional partnership with
/// ground truth, deduplicate every partner's people end to end, and print
/// time, memory, accuracy and incremental resolution latency.
struct LinkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "Linkage speed, memory and accuracy.")

    @ArgumentParser.Option(help: "Fictional people to generate (about 1.6 records each).") var people = 100_000
    @ArgumentParser.Option var seed: UInt64 = 7
    @ArgumentParser.Option(help: "Records held back and resolved one at a time against the index.") var incremental = 1_000
    @ArgumentParser.Option(help: "Blocks larger than this are refined, then skipped (default: the linker's).")
    var maximumBlockSize: Int?
    @ArgumentParser.Option(help: "Blocks larger than this are split by each rule's second key (default: the linker's).")
    var refineBlocksAbove: Int?
    @ArgumentParser.Option(help: "Leave out a blocking rule by its summary name, to measure what it adds; repeat for several.")
    var withoutRule: [String] = []
    @ArgumentParser.Option(help: "Match probability at or above which pairs link (default: the linker's).")
    var autoLinkProbability: Double?
    @ArgumentParser.Option(help: "Print this many linked pairs of different (fictional) people, to see why they linked.")
    var showFalseLinks = 0

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try ExtractGenerator.write(people: people, seed: seed, to: scratch, referenceDate: ExtractGenerator.defaultReferenceDate)
        var records: [LinkageRecord] = []
        for slug in PartnershipGenerator.partnerSlugs {
            let path = scratch.appendingPathComponent(slug).appendingPathComponent("people.csv").path
            records += try PeopleFileReader.read(path: path, source: slug)
        }
        let truth = try Self.groundTruth(scratch.appendingPathComponent("ground-truth.csv").path)
        // Hold back a spread of records to resolve incrementally afterwards.
        let stride = max(1, records.count / max(1, incremental))
        let heldBack = Swift.stride(from: 0, to: records.count, by: stride).prefix(incremental).map { records[$0] }
        let heldIDs = Set(heldBack.map(\.recordID))
        let batch = records.filter { !heldIDs.contains($0.recordID) }
        let memoryBefore = PeakMemory.megabytes()

        var random = Linkage.SeededGenerator(seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        var settings = LinkageSettings()
        if let maximumBlockSize { settings.maximumBlockSize = maximumBlockSize }
        if let refineBlocksAbove { settings.refineBlocksAbove = refineBlocksAbove }
        if let autoLinkProbability { settings.autoLinkProbability = autoLinkProbability }
        settings.blockingRules.removeAll { withoutRule.contains($0.summaryName) }
        let result = try await LinkageRun.run(records: batch, settings: settings, random: &random, clock: { Self.nanoseconds() })
        let seconds = Self.seconds(clock.now - start)
        let evaluation = LinkageEvaluation(result: result, truth: truth)
        print("records        \(batch.count) from \(PartnershipGenerator.partnerSlugs.count) partners (\(people) people)")
        print("candidates     \(result.summary.candidatePairs) pairs; by rule: "
              + result.summary.newPairsByRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("stages         " + result.summary.stageNanoseconds.sorted { $0.key < $1.key }
            .map { "\($0.key) \(String(format: "%.2f", Double($0.value) / 1e9)) s" }.joined(separator: ", "))
        print("end to end     \(String(format: "%.2f", seconds)) s (standardise, block, score, train, cluster)")
        print("peak memory    \(PeakMemory.megabytes()) MB (\(memoryBefore) MB before linking, input included)")
        print(String(format: "accuracy       precision %.4f, recall %.4f, F1 %.4f, cluster purity %.4f (%d people found, %d true)",
                     evaluation.precision, evaluation.recall, evaluation.f1, evaluation.purity,
                     evaluation.predictedPeople, evaluation.truePeople))
        let withReview = LinkageEvaluation(result: result, truth: truth, acceptingReview: true)
        print(String(format: "review         %d pairs, %.1f per 1,000 records; recall if every pair were accepted %.4f; "
                     + "%d pairs decided different people by the cannot-link rule",
                     result.summary.pairsForReview, result.summary.reviewLoadPerThousandRecords, withReview.recall,
                     result.summary.pairsDecidedDifferentPeople))

        if showFalseLinks > 0 { Self.printFalseLinks(result, records: batch, truth: truth, limit: showFalseLinks) }

        let index = try await LinkageIndex.build(records: batch, personIDs: result.personOfRecord, model: result.model)
        var latencies: [Double] = []
        for record in heldBack {
            let before = clock.now
            _ = try index.resolve(record)
            latencies.append(Self.seconds(clock.now - before) * 1e6)
        }
        latencies.sort()
        if !latencies.isEmpty {
            func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            print(String(format: "incremental    %d records resolved against %d indexed: p50 %.0f us, p99 %.0f us, max %.0f us",
                         latencies.count, batch.count, percentile(0.5), percentile(0.99), latencies.last!))
        }
    }

    /// Auto-linked pairs whose records belong to different generated people, with the
    /// agreement level of each field: what a precision problem is made of.
    static func printFalseLinks(_ result: LinkageResult, records: [LinkageRecord], truth: [String: String], limit: Int) {
        var shown = 0
        var recordsOf: [String: [Int]] = [:]
        for (i, r) in records.enumerated() { recordsOf[truth[r.recordID] ?? "", default: []].append(i) }
        for (k, pair) in result.pairs.enumerated() where result.outcomes[k].decision == .autoLink {
            let a = records[pair.first], b = records[pair.second]
            guard let ta = truth[a.recordID], let tb = truth[b.recordID], ta != tb else { continue }
            let levels = ComparisonField.allCases.map { field in
                field.levelDescriptions[pair.pattern.level(of: field)]
            }.filter { !$0.hasSuffix("missing") }
            print(String(format: "false link %.2f bits: ", pair.weight) + levels.joined(separator: "; "))
            for r in [a, b] {
                let own = recordsOf[truth[r.recordID] ?? ""] ?? []
                let dates = Set(own.compactMap { records[$0].dateOfBirth })
                print("    [\(truth[r.recordID] ?? "?"): \(own.count) records, dates \(dates.sorted().joined(separator: " "))]")
                print("    \(r.recordID) | \(r.givenNames ?? "-") | \(r.familyName ?? "-") | \(r.dateOfBirth ?? "-") | \(r.sex ?? "-") | "
                      + "\(r.addressLine ?? "-") \(r.postcode ?? "-") | \(r.phone ?? "-") | nhs \(r.nhsNumber ?? "-")")
            }
            shown += 1
            if shown >= limit { break }
        }
    }

    static func groundTruth(_ path: String) throws -> [String: String] {
        var truth: [String: String] = [:]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            truth["\(fields[0]):\(fields[1])"] = String(fields[2])
        }
        return truth
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
