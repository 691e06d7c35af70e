/// How many candidate pairs each blocking rule would propose, counted before any comparison.
///
/// Use it to check a partnership's data against the blocking rules before a long run
/// (`lantern link --plan`): a rule whose pair count explodes needs a tighter key or a
/// smaller block cap. Contract: counts only; the same standardisation and caps as
/// `LinkageRun`, so the figures match the run's `proposedPairsByRule` and `cappedBlocks`.
public struct BlockingPlan: Sendable, Codable, Equatable {
    public var records: Int
    /// Pairs inside each rule's blocks, by `BlockingRule.summaryName`.
    public var proposedPairsByRule: [String: Int]
    public var cappedBlocks: [CappedBlock]

    /// Upper bound on the pairs a run will compare (pairs found by several rules count once
    /// in the run, so the run compares at most this many).
    public var proposedPairs: Int { proposedPairsByRule.values.reduce(0, +) }

    public static func make(records: [LinkageRecord], settings: LinkageSettings = LinkageSettings()) async -> BlockingPlan {
        let standard = await StandardisedRecords.build(records, workers: max(1, settings.workers))
        let rules = LinkageRun.uniqueRules(settings.blockingRules)
        let blocks = CandidateBlocks(records: standard, rules: rules, maximumBlockSize: max(2, settings.maximumBlockSize),
                                    refineAbove: settings.refineBlocksAbove)
        var counts: [String: Int] = [:]
        for (r, rule) in rules.enumerated() { counts[rule.summaryName] = blocks.proposedPairs[r] }
        return BlockingPlan(records: standard.count, proposedPairsByRule: counts, cappedBlocks: blocks.capped)
    }
}
