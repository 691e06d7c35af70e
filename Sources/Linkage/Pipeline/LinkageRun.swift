/// Batch linkage end to end: standardise, block, compare, train, score, cluster.
///
/// Use it for a full deduplication of a partnership's records (the `lantern link`
/// command) and to train the model a `LinkageIndex` then reuses. Contract: pure apart from
/// the random generator and the optional clock the caller passes; uses `settings.workers`
/// tasks; throws only `LinkageError` (duplicate record ids). With `model` given, training
/// is skipped and the run is a deterministic function of its input.
public enum LinkageRun {
    // Callers in other modules would otherwise run the generic body, where every random
    // draw in training goes through the generator's witness table: a third of a second
    // at a million records. The exported copy for the seeded generator is what they call.
    @_specialize(exported: true, where R == SeededGenerator)
    public static func run<R: RandomNumberGenerator>(
        records: [LinkageRecord],
        settings: LinkageSettings = LinkageSettings(),
        decisions: [ReviewerDecision] = [],
        model fixedModel: LinkageModel? = nil,
        random: inout R,
        clock: (@Sendable () -> UInt64)? = nil
    ) async throws(LinkageError) -> LinkageResult {
        let start = clock?() ?? 0
        var input = LinkageInput()
        await input.append(contentsOf: records, workers: max(1, settings.workers))
        return try await run(input: input, settings: settings, decisions: decisions, model: fixedModel, random: &random,
                             clock: clock, startedAt: start)
    }

    /// A run over records already standardised (streamed from a file, say).
    @_specialize(exported: true, where R == SeededGenerator)
    public static func run<R: RandomNumberGenerator>(
        input: LinkageInput,
        settings: LinkageSettings = LinkageSettings(),
        decisions: [ReviewerDecision] = [],
        model fixedModel: LinkageModel? = nil,
        random: inout R,
        clock: (@Sendable () -> UInt64)? = nil,
        startedAt: UInt64? = nil
    ) async throws(LinkageError) -> LinkageResult {
        var summary = LinkageSummary()
        var stageStart = startedAt ?? clock?() ?? 0
        func stage(_ name: String) {
            guard let clock else { return }
            let now = clock()
            summary.stageNanoseconds[name] = now &- stageStart
            stageStart = now
        }
        let recordNumbers = try RecordIDIndex(input.recordIDs)
        let workers = max(1, settings.workers)
        let recordIDs = input.recordIDs

        var standard = input.standard
        for finding in standard.setAsidePlaceholderDates() { summary.warnings.append(finding.warning) }
        summary.records = standard.count
        summary.fieldQuality = standard.quality
        stage("standardise")

        let rules = uniqueRules(settings.blockingRules)
        let blocks = CandidateBlocks(records: standard, rules: rules, maximumBlockSize: max(2, settings.maximumBlockSize),
                                    refineAbove: settings.refineBlocksAbove)
        summary.cappedBlocks = blocks.capped
        for (r, rule) in rules.enumerated() { summary.proposedPairsByRule[rule.summaryName] = blocks.proposedPairs[r] }
        for block in blocks.capped.prefix(20) {
            summary.warnings.append("skipped a block of \(block.size) records for rule \(block.rule.summaryName)")
        }
        stage("block")

        let comparator = RecordComparator(standard)
        let compared = await compare(blocks: blocks, comparator: comparator, workers: workers)
        summary.candidatePairs = compared.pairCount
        for (r, rule) in rules.enumerated() { summary.newPairsByRule[rule.summaryName] = compared.newPairsByRule[r] }
        stage("compare")

        let model: LinkageModel
        if let fixedModel {
            model = fixedModel
        } else {
            model = await train(standard: standard, comparator: comparator, compared: compared, blocks: blocks,
                          settings: settings, summary: &summary, random: &random)
            summary.modelWasTrained = true
        }
        stage("train")

        let scorer = PairScorer(model: model, comparator: comparator,
                                densePatternWeights: compared.pairCount >= PairComparison.denseThreshold)
        let scored = await score(compared, scorer: scorer, minimumWeight: Float(settings.reviewWeight))
        let moves = HouseholdMoves.apply(to: scored, records: standard, model: model, autoLinkWeight: settings.autoLinkWeight)
        let kept = moves.pairs
        summary.pairsRaisedByHouseholdMoves = moves.estimate.pairsRaised
        summary.householdMoveWeight = moves.estimate.weight
        summary.householdMoveLinks = moves.estimate.confidentLinksAcrossHomes
        summary.householdMoveCorroborated = moves.estimate.corroboratedLinks
        stage("score")

        var clusterer = PersonClusterer(comparator: scorer.comparator, scorer: scorer)
        var mustLinks: [(Int, Int)] = []
        for decision in decisions {
            guard let a = recordNumbers.index(of: decision.firstRecordID), let b = recordNumbers.index(of: decision.secondRecordID),
                  a != b else {
                summary.reviewerDecisionsIgnored += 1
                continue
            }
            summary.reviewerDecisionsApplied += 1
            if decision.kind == .differentPeople { clusterer.addCannotLink(a, b) } else { mustLinks.append((a, b)) }
        }
        for (a, b) in mustLinks { clusterer.mustLink(a, b) }
        let outcomes = clusterer.cluster(kept, autoLinkWeight: settings.autoLinkWeight)
        let personOfRecord = clusterer.personNumbers()
        let personCount = (personOfRecord.max() ?? -1) + 1
        summary.people = personCount
        for (k, outcome) in outcomes.enumerated() {
            switch outcome.decision {
            case .autoLink: summary.pairsAutoLinked += 1
            case .differentPeople: summary.pairsDecidedDifferentPeople += 1
            case .review:
                if personOfRecord[kept[k].first] != personOfRecord[kept[k].second] { summary.pairsForReview += 1 }
            case .nonMatch: break
            }
        }
        summary.mergesRefusedForIdentifiers = clusterer.refusedForIdentifiers
        summary.mergesRefusedForReviewer = clusterer.refusedForReviewer
        summary.mergesRefusedForConsistency = clusterer.refusedForConsistency
        summary.reviewerConflicts = clusterer.reviewerConflicts
        stage("cluster")

        return LinkageResult(
            recordIDs: recordIDs, pairs: kept, outcomes: outcomes, personOfRecord: personOfRecord,
            personCount: personCount, model: model, settings: settings, summary: summary, standardised: standard)
    }

    static func uniqueRules(_ rules: [BlockingRule]) -> [BlockingRule] {
        var seen = Set<BlockingRule>()
        return rules.filter { seen.insert($0).inserted }
    }

    /// Compares the candidate pairs, split across workers by pair count.
    static func compare(blocks: CandidateBlocks, comparator: RecordComparator, workers: Int) async -> PairComparison {
        let total = blocks.blocks.reduce(0) { $0 + $1.pairCount }
        let parts = total < 20_000 ? [blocks.blocks] : blocks.partitioned(into: workers)
        let results = await withTaskGroup(of: (Int, PairComparison).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, PairComparison.run(blocks: part, index: blocks, comparator: comparator)) }
            }
            var out: [(Int, PairComparison)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var merged = PairComparison(ruleCount: blocks.rules.count)
        for result in results { merged.absorb(result) }
        return merged
    }

    /// Scores every compared pair and keeps those at or above `minimumWeight`, strongest
    /// first; each worker's chunk is scored on its own task.
    static func score(_ compared: PairComparison, scorer: PairScorer, minimumWeight: Float) async -> [ScoredPair] {
        let parts = await withTaskGroup(of: (Int, [ScoredPair]).self) { group in
            for (index, chunk) in compared.chunks.enumerated() {
                // Each part is sorted on its own core; only the merge runs on one.
                group.addTask { (index, score(chunk, scorer: scorer, minimumWeight: minimumWeight).sorted(by: ScoredPair.strongestFirst)) }
            }
            var out: [(Int, [ScoredPair])] = []
            for await part in group { out.append(part) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return mergeStrongestFirst(parts)
    }

    /// Parts each sorted strongest first, merged into one such order; on a tie the earlier
    /// part's pair comes first, as a stable sort of the parts joined in order would give.
    static func mergeStrongestFirst(_ parts: [[ScoredPair]]) -> [ScoredPair] {
        var merged = parts.first ?? []
        for part in parts.dropFirst() {
            var out: [ScoredPair] = []
            out.reserveCapacity(merged.count + part.count)
            var i = 0, j = 0
            while i < merged.count, j < part.count {
                if ScoredPair.strongestFirst(part[j], merged[i]) { out.append(part[j]); j += 1 } else { out.append(merged[i]); i += 1 }
            }
            out.append(contentsOf: merged[i...])
            out.append(contentsOf: part[j...])
            merged = out
        }
        return merged
    }

    static func score(_ chunk: PairComparison.Chunk, scorer: PairScorer, minimumWeight: Float) -> [ScoredPair] {
        var kept: [ScoredPair] = []
        for index in chunk.pairs.indices {
            let pair = chunk.pairs[index], pattern = chunk.patterns[index]
            let i = Int(pair >> 32), j = Int(pair & 0xFFFF_FFFF)
            let (w, g, f, c) = scorer.weight(pattern: pattern, i, j)
            if w >= minimumWeight {
                kept.append(ScoredPair(first: i, second: j, weight: Double(w), pattern: ComparisonPattern(code: pattern),
                                       givenNameFrequencyAdjustment: Double(g), familyNameFrequencyAdjustment: Double(f),
                                       partnerCohortAdjustment: Double(c)))
            }
        }
        return kept
    }
}
