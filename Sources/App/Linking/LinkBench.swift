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
    @ArgumentParser.Option(help: "Random pairs compared to estimate how often different people agree (default: the linker's).")
    var randomPairs: Int?
    @ArgumentParser.Option(help: "Print this many linked pairs of different (fictional) people, to see why they linked.")
    var showFalseLinks = 0
    @ArgumentParser.Option(help: "Print this many true pairs left in two people, why each was not linked, and a tally of the reasons over all of them.")
    var showMissed = 0
    @ArgumentParser.Option(help: "Print this many review-queue pairs with both records, and a tally of the whole queue by truth, rule and evidence.")
    var showReview = 0
    @ArgumentParser.Option(help: "With --show-review, sample only pairs whose truth, rule and field levels contain this text.")
    var reviewKind: String?

    @ArgumentParser.Option(help: "Link a partnership already written by `lantern generate` (with ground-truth.csv) instead of generating one.")
    var from: String?

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder: URL
        if let from {
            folder = URL(fileURLWithPath: from)
        } else {
            folder = scratch
            try ExtractGenerator.write(people: people, seed: seed, to: scratch, referenceDate: ExtractGenerator.defaultReferenceDate)
        }
        let memoryBefore = PeakMemory.megabytes()
        var settings = LinkageSettings()
        if let maximumBlockSize { settings.maximumBlockSize = maximumBlockSize }
        if let refineBlocksAbove { settings.refineBlocksAbove = refineBlocksAbove }
        if let autoLinkProbability { settings.autoLinkProbability = autoLinkProbability }
        if let randomPairs { settings.randomPairSampleSize = max(1, randomPairs) }
        settings.blockingRules.removeAll { withoutRule.contains($0.summaryName) }

        // Timed from the files: read, standardise (streamed, a slice at a time), block,
        // compare, train, score and cluster. About `incremental` records, picked by their
        // ids alone so that the pick does not depend on reading order, are held back and
        // resolved incrementally afterwards.
        let clock = ContinuousClock()
        let start = clock.now
        let startNanoseconds = Self.nanoseconds()
        let stride = UInt64(incremental > 0 ? max(1, people * 16 / 10 / incremental) : 0)
        let files = PartnershipGenerator.partnerSlugs.map { slug in
            (folder.appendingPathComponent(slug).appendingPathComponent("people.csv").path, slug)
        }.filter { FileManager.default.fileExists(atPath: $0.0) }
        var loaded = try await PeopleFileLoading.load(
            files, keepingRecords: showFalseLinks > 0 || showMissed > 0 || showReview > 0
        ) { id in stride > 0 && Self.idHash(id) % stride == 0 }
        let heldBack = loaded.heldBack, kept = loaded.records
        var input = loaded.input
        loaded = .init()
        var random = Linkage.SeededGenerator(seed: seed)
        let result = try await LinkageRun.run(input: input, settings: settings, random: &random,
                                              clock: { Self.nanoseconds() }, startedAt: startNanoseconds)
        input = LinkageInput()
        let seconds = Self.seconds(clock.now - start)
        let memoryAfter = PeakMemory.megabytes()
        let truth = try Self.groundTruth(folder.appendingPathComponent("ground-truth.csv").path)
        let evaluation = LinkageEvaluation(result: result, truth: truth)
        print("records        \(result.recordIDs.count) from \(PartnershipGenerator.partnerSlugs.count) partners (\(evaluation.truePeople) people)")
        print("candidates     \(result.summary.candidatePairs) pairs; by rule: "
              + result.summary.newPairsByRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("stages         " + result.summary.stageNanoseconds.sorted { $0.key < $1.key }
            .map { "\($0.key) \(String(format: "%.2f", Double($0.value) / 1e9)) s" }.joined(separator: ", "))
        print("end to end     \(String(format: "%.2f", seconds)) s (read and standardise the files, block, compare, train, score, cluster)")
        print("peak memory    \(memoryAfter) MB (\(memoryBefore) MB before reading the files)")
        print(String(format: "accuracy       precision %.4f, recall %.4f, F1 %.4f, cluster purity %.4f (%d people found, %d true)",
                     evaluation.precision, evaluation.recall, evaluation.f1, evaluation.purity,
                     evaluation.predictedPeople, evaluation.truePeople))
        // The counts behind the two ratios, for a goal such as 0.999 that four places round to.
        print("pairs          \(evaluation.correctPairs) of \(evaluation.predictedPairs) pairs in one person are one person; "
              + "\(evaluation.truePairs) true pairs")
        let withReview = LinkageEvaluation(result: result, truth: truth, acceptingReview: true)
        print(String(format: "review         %d pairs, %.1f per 1,000 records; recall if every pair were accepted %.4f; "
                     + "%d pairs decided different people by the cannot-link rule",
                     result.summary.pairsForReview, result.summary.reviewLoadPerThousandRecords, withReview.recall,
                     result.summary.pairsDecidedDifferentPeople))

        let source = result.model.fields[ComparisonField.source.rawValue]
        print(String(format: "partner        EM estimates: same partner, another record m %.4f u %.4f (%.2f bits); "
                     + "different partners m %.4f u %.4f (%.2f bits)",
                     source.m[1], source.u[1], result.model.weight(.source, level: 1),
                     source.m[2], source.u[2], result.model.weight(.source, level: 2)))

        let model = result.model
        print(String(format: "model          prior %.2f bits (%.3g); exact agreement: ", model.priorWeight, model.priorMatchProbability)
              + ComparisonField.allCases.map { field in
                  let agreeing = result.summary.randomPairsAgreeing
                  let withinPostcodes = field == .address && result.summary.samePostcodePairsConsidered > 0
                      ? String(format: "; %d of %d pairs of different people within postcodes",
                               result.summary.samePostcodePairsSameAddress, result.summary.samePostcodePairsConsidered)
                      : ""
                  return String(format: "%@ %.2f (u %.2g, %d of the random pairs%@)", field.levelDescriptions[1],
                                model.weight(field, level: 1), model.fields[field.rawValue].u[1],
                                field.rawValue < agreeing.count ? agreeing[field.rawValue] : 0, withinPostcodes)
              }.joined(separator: ", ")
              + " (\(result.summary.randomPairsSampled) random pairs)")

        let birth = ComparisonField.dateOfBirth
        print("date of birth  m from " + (result.summary.personFieldsTaughtByIdentifiers ? "pairs sharing an identifier" : "every training session")
              + ": " + (1..<birth.levelCount).map { level in
                  String(format: "%@ m %.4g (%.2f bits)", birth.levelDescriptions[level], model.fields[birth.rawValue].m[level],
                         model.weight(birth, level: level))
              }.joined(separator: ", "))

        print("moves          " + result.summary.householdMoveReport)

        if showFalseLinks > 0 { Self.printFalseLinks(result, records: kept, truth: truth, limit: showFalseLinks) }
        if showMissed > 0 { Self.printMissed(result, records: kept, truth: truth, limit: showMissed) }
        if showReview > 0 { Self.printReview(result, records: kept, truth: truth, limit: showReview, kind: reviewKind) }
        Self.printCalibration(result, truth: truth)

        let index = LinkageIndex(result: result)
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
                         latencies.count, result.recordIDs.count, percentile(0.5), percentile(0.99), latencies.last!))
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
            print("    evidence: " + MatchExplanation(pair: pair, model: result.model).lines.joined(separator: "; "))
            for r in [a, b] {
                let own = recordsOf[truth[r.recordID] ?? ""] ?? []
                let dates = Set(own.compactMap { records[$0].dateOfBirth })
                print("    [\(truth[r.recordID] ?? "?"): \(own.count) records, dates \(dates.sorted().joined(separator: " "))]")
                print("    " + recordLine(r))
            }
            shown += 1
            if shown >= limit { break }
        }
    }

    /// One record's identifying fields on a line, for the samples the bench prints.
    static func recordLine(_ r: LinkageRecord) -> String {
        "\(r.recordID) | \(r.givenNames ?? "-") | \(r.familyName ?? "-") | \(r.dateOfBirth ?? "-") | \(r.sex ?? "-") | "
            + "\(r.addressLine ?? "-") \(r.postcode ?? "-") | \(r.phone ?? "-") | nhs \(r.nhsNumber ?? "-")"
    }

    /// True pairs left in two people: a sample with both records and the reason, then the
    /// reasons and the commonest field patterns tallied over every missed pair.
    static func printMissed(_ result: LinkageResult, records: [LinkageRecord], truth: [String: String], limit: Int) {
        let missed = MissedPairs.find(in: result, truth: truth)
        func line(_ r: LinkageRecord) -> String { "    " + recordLine(r) }
        // Spread the sample over the reasons, so a rare reason is seen as well as the common ones.
        var membersOf: [Int: [Int]] = [:]
        let sampled = Set(missed.flatMap { [result.personOfRecord[$0.first], result.personOfRecord[$0.second]] })
        for (i, person) in result.personOfRecord.enumerated() where sampled.contains(person) { membersOf[person, default: []].append(i) }
        var shownOfReason: [String: Int] = [:]
        var shown = 0
        let reasons = Set(missed.map(\.reason)).count
        for miss in missed where shown < limit && shownOfReason[miss.reason, default: 0] < max(1, limit / max(1, reasons)) {
            shownOfReason[miss.reason, default: 0] += 1
            shown += 1
            print(String(format: "missed %.2f bits: ", miss.pair.weight) + miss.reason + " [" + miss.shape + "] true person "
                  + (truth[records[miss.first].recordID] ?? "?"))
            print(line(records[miss.first]))
            print(line(records[miss.second]))
            // The people each side ended up in, with each record's true person: the chain
            // or the rival that kept them apart.
            for side in [miss.first, miss.second] {
                let own = membersOf[result.personOfRecord[side]] ?? []
                for member in own.prefix(6) where member != miss.first && member != miss.second {
                    print("      with [\(truth[records[member].recordID] ?? "?")]" + line(records[member]).dropFirst(4))
                }
                print("      --")
            }
        }
        var tally: [String: Int] = [:], shapes: [String: Int] = [:]
        for miss in missed {
            tally[miss.reason, default: 0] += 1
            shapes[miss.reason + " [" + miss.shape + "]", default: 0] += 1
        }
        print("missed pairs   \(missed.count) in all, by reason:")
        for (reason, count) in tally.sorted(by: { $0.value > $1.value }) { print("    \(count)  \(reason)") }
        print("missed pairs   commonest reason and field levels:")
        for (shape, count) in shapes.sorted(by: { $0.value > $1.value }).prefix(25) { print("    \(count)  \(shape)") }
    }

    /// The review queue: a sample of pairs spread over the rules that held them, then the
    /// whole queue tallied by truth and rule, by truth and evidence, and by field levels.
    static func printReview(_ result: LinkageResult, records: [LinkageRecord], truth: [String: String], limit: Int, kind wanted: String?) {
        let queue = QueuedPairs.find(in: result, truth: truth)
        func truthWord(_ pair: QueuedPair) -> String { pair.isOnePerson ? "one person" : "two people" }
        let kinds = QueuedPairs.tally(queue) { truthWord($0) + ": " + $0.reason }
        func line(_ r: LinkageRecord) -> String { "[\(truth[r.recordID] ?? "?")] " + recordLine(r) }
        // Each sampled side's person, to see the records that confirm or blur who it is.
        var membersOf: [Int: [Int]] = [:]
        for (i, person) in result.personOfRecord.enumerated() { membersOf[person, default: []].append(i) }
        var shownOfKind: [String: Int] = [:]
        var shown = 0
        for pair in queue where shown < limit {
            let kind = truthWord(pair) + ": " + pair.reason
            if let wanted, !(kind + " [" + pair.shape + "]").contains(wanted) { continue }
            guard wanted != nil || shownOfKind[kind, default: 0] < max(1, limit / max(1, kinds.count)) else { continue }
            shownOfKind[kind, default: 0] += 1
            shown += 1
            print(String(format: "review %.2f bits: ", pair.pair.weight) + kind + " [" + pair.shape + "]")
            for side in [pair.pair.first, pair.pair.second] {
                print("    " + line(records[side]))
                for member in (membersOf[result.personOfRecord[side]] ?? []).prefix(5) where member != side {
                    print("        with " + line(records[member]))
                }
            }
        }
        let perThousand = 1_000 / Double(max(1, result.recordIDs.count))
        func show(_ title: String, _ rows: [(key: String, count: Int)], top: Int) {
            print("review pairs   \(title):")
            for row in rows.prefix(top) { print(String(format: "    %6d  %5.2f/1000  %@", row.count, Double(row.count) * perThousand, row.key)) }
        }
        print("review pairs   \(queue.count) in all, \(queue.filter(\.isOnePerson).count) of them one person")
        show("by truth and rule", kinds, top: 30)
        show("by truth and evidence", QueuedPairs.tally(queue) { truthWord($0) + ": " + $0.evidence }, top: 30)
        show("commonest truth, rule and field levels", QueuedPairs.tally(queue) { truthWord($0) + ": " + $0.reason + " [" + $0.shape + "]" }, top: 30)
    }

    /// How many automatic links the model itself expects to be wrong (the sum of one minus
    /// each link's probability) beside how many are wrong, overall and by the evidence
    /// that carried them: whether the model's probabilities can be taken at their word.
    static func printCalibration(_ result: LinkageResult, truth: [String: String]) {
        var expected: [String: Double] = [:], found: [String: Int] = [:], count: [String: Int] = [:]
        for (k, pair) in result.pairs.enumerated() where result.outcomes[k].decision == .autoLink {
            let a = result.recordIDs[pair.first], b = result.recordIDs[pair.second]
            let birth = pair.pattern.level(of: .dateOfBirth) == 0 ? "no date of birth" : "date of birth"
            let identifier = pair.pattern.level(of: .nhsNumber) == 1 || pair.pattern.level(of: .croNumber) == 1
                || pair.pattern.level(of: .email) == 1 ? ", identifier agrees" : ""
            let p = pair.probability
            let band = p < 0.95 ? "probability below 0.95" : p < 0.99 ? "probability 0.95 to 0.99"
                : p < 0.999 ? "probability 0.99 to 0.999" : "probability 0.999 or more"
            for key in ["all", birth + identifier, band] {
                expected[key, default: 0] += 1 - pair.probability
                count[key, default: 0] += 1
                if truth[a] != truth[b] { found[key, default: 0] += 1 }
            }
        }
        for key in count.keys.sorted() {
            print(String(format: "calibration    %@: %d links, model expects %.0f wrong, %d wrong", key, count[key] ?? 0,
                         expected[key] ?? 0, found[key] ?? 0))
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

    /// FNV-1a of a record id: the same on every run and every machine.
    static func idHash(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
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
