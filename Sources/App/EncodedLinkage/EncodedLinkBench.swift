import ArgumentParser
import EncodedLinkage
import Foundation
import Linkage
import Synthetic

/// `lantern bench link-encoded --people N`: generate a fictional partnership with ground
/// truth, encode every partner's people file, link the encodings and print time, memory,
/// the estimated threshold and accuracy; with `--clear-text`, also link the same records
/// in clear text and print the F1 difference.
struct EncodedLinkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link-encoded", abstract: "Privacy-preserving linkage speed and accuracy.")

    @ArgumentParser.Option(help: "Fictional people to generate (about 1.6 records each).") var people = 100_000
    @ArgumentParser.Option(help: "The linkage schema (default: docs/pprl-schema-weighted.json).") var schema = "docs/pprl-schema-weighted.json"
    @ArgumentParser.Option var seed: UInt64 = 7
    @ArgumentParser.Option(help: "Blocking bands.") var bands = BitBlocking().bands
    @ArgumentParser.Option(help: "Min-hashes per band.") var rows = BitBlocking().rows
    @ArgumentParser.Option(help: "A fixed Dice threshold instead of the estimate.") var threshold: Double?
    @ArgumentParser.Flag(name: .customLong("clear-text"), help: "Also link the same records in clear text and compare F1.")
    var clearText = false

    func run() async throws {
        let schema = try EncodeCommand.loadSchema(schema)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-pprl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try ExtractGenerator.write(people: people, seed: seed, to: scratch, referenceDate: ExtractGenerator.defaultReferenceDate)
        let truth = try LinkBench.groundTruth(scratch.appendingPathComponent("ground-truth.csv").path)
        let encoder = try CLKEncoder(schema: schema, secret: Array("bench-secret-not-for-real-use-0001".utf8))
        var records = EncodedRecords(bits: schema.length)
        var encodeSeconds = 0.0
        for slug in PartnershipGenerator.partnerSlugs {
            let path = scratch.appendingPathComponent(slug).appendingPathComponent("people.csv").path
            let rows = try EncodeInput.read(path: path, schema: schema)
            let start = ContinuousClock.now
            let clks = try await BatchEncoder.encode(rows, encoder: encoder, standardiser: ValueStandardiser.lantern(schema))
            encodeSeconds += LinkBench.seconds(ContinuousClock.now - start)
            for (row, clk) in zip(rows, clks) { records.append(recordID: "\(slug):\(row.values[0])", partner: slug, clk: clk) }
        }
        let memoryBefore = PeakMemory.megabytes()
        var settings = EncodedLinker.Settings()
        settings.blocking = BitBlocking(bands: bands, rows: rows, seed: seed)
        settings.threshold = threshold
        let cpu = ProcessCPU.seconds()
        let start = ContinuousClock.now
        let result = await EncodedLinker.link(records, settings: settings, tasks: ProcessInfo.processInfo.activeProcessorCount,
                                              clock: { Double(LinkBench.nanoseconds()) / 1e9 })
        let seconds = LinkBench.seconds(ContinuousClock.now - start)
        let cpuSeconds = ProcessCPU.seconds() - cpu
        let labels = records.recordIDs.enumerated().map { truth[$0.element] ?? "unlabelled:\($0.offset)" }
        let evaluation = LinkageEvaluation(predicted: result.personOf, truth: labels)
        print("records        \(records.count) from \(records.partners.count) partners (\(people) people), encoded in "
              + String(format: "%.2f s", encodeSeconds))
        print("candidates     \(result.comparedPairs) distinct pairs compared, \(result.linkedPairs) at or above the threshold, "
              + "\(result.recordsInCappedBuckets) record places in capped buckets")
        print("stages         " + result.stageSeconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value)) s" }.joined(separator: ", "))
        print(String(format: "end to end     %.2f s (min-hash, block, score, threshold, cluster), %.2f s of CPU time", seconds, cpuSeconds))
        print("peak memory    \(PeakMemory.megabytes()) MB (\(memoryBefore) MB before linking, input included)")
        print("threshold      " + EncodedLink.describe(result, fixed: threshold != nil))
        print(String(format: "accuracy       precision %.4f, recall %.4f, F1 %.4f, cluster purity %.4f (%d people found, %d true)",
                     evaluation.precision, evaluation.recall, evaluation.f1, evaluation.purity,
                     evaluation.predictedPeople, evaluation.truePeople))
        if ProcessInfo.processInfo.environment["LANTERN_PPRL_HISTOGRAM"] != nil {
            // Dice of kept pairs by ground truth, to tune blocking and the threshold fit.
            var same = [Int](repeating: 0, count: 20), different = [Int](repeating: 0, count: 20)
            for (a, b, dice) in result.pairs {
                let bin = min(19, Int(dice * 20))
                if labels[Int(a)] == labels[Int(b)] { same[bin] += 1 } else { different[bin] += 1 }
            }
            let coarse = stride(from: 500, to: 1_000, by: 20).map { b in result.histogram[b..<(b + 20)].reduce(0, +) }
            print("all compared   from 0.50 by 0.02: \(coarse.map(String.init).joined(separator: " "))")
            print("best Dice      " + result.bestHistogram.map(String.init).joined(separator: " "))
            print("histogram      same person: \(same.dropFirst(8).map(String.init).joined(separator: " "))")
            print("histogram      different:   \(different.dropFirst(8).map(String.init).joined(separator: " "))")
        }
        if let folder = ProcessInfo.processInfo.environment["LANTERN_PPRL_DUMP"] {
            // Every same-person pair and every kept pair, with popcounts, to study misses offline.
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var byPerson: [String: [Int]] = [:]
            for (i, label) in labels.enumerated() { byPerson[label, default: []].append(i) }
            var kept = Set<Int64>()
            for (a, b, _) in result.pairs { kept.insert(Int64(a) << 32 | Int64(b)) }
            var text = "a,b,dice,pa,pb,same,kept,person_a,person_b\n"
            func line(_ a: Int, _ b: Int) {
                let (x, y) = (min(a, b), max(a, b))
                text += "\(records.recordIDs[x]),\(records.recordIDs[y]),\(records.dice(x, y)),\(records.popcounts[x]),"
                    + "\(records.popcounts[y]),\(labels[x] == labels[y] ? 1 : 0),\(kept.contains(Int64(x) << 32 | Int64(y)) ? 1 : 0),"
                    + "\(result.personOf[x]),\(result.personOf[y])\n"
            }
            for group in byPerson.values where group.count > 1 {
                for x in 0..<(group.count - 1) { for y in (x + 1)..<group.count { line(group[x], group[y]) } }
            }
            for (a, b, _) in result.pairs where labels[Int(a)] != labels[Int(b)] { line(Int(a), Int(b)) }
            try text.write(toFile: folder + "/pairs.csv", atomically: true, encoding: .utf8)
            for slug in PartnershipGenerator.partnerSlugs {
                try? FileManager.default.copyItem(atPath: scratch.appendingPathComponent(slug).appendingPathComponent("people.csv").path,
                                                  toPath: folder + "/\(slug).csv")
            }
        }
        guard clearText else { return }
        var clear: [LinkageRecord] = []
        for slug in PartnershipGenerator.partnerSlugs {
            clear += try PeopleFileReader.read(path: scratch.appendingPathComponent(slug).appendingPathComponent("people.csv").path, source: slug)
        }
        var random = Linkage.SeededGenerator(seed: seed)
        let clearStart = ContinuousClock.now
        let clearResult = try await LinkageRun.run(records: clear, random: &random)
        let clearSeconds = LinkBench.seconds(ContinuousClock.now - clearStart)
        let clearEvaluation = LinkageEvaluation(result: clearResult, truth: truth)
        print(String(format: "clear text     precision %.4f, recall %.4f, F1 %.4f in %.2f s; encoded F1 minus clear-text F1: %+.4f",
                     clearEvaluation.precision, clearEvaluation.recall, clearEvaluation.f1, clearSeconds,
                     evaluation.f1 - clearEvaluation.f1))
    }
}
