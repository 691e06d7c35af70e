import Foundation

/// The choices a linkage run is made with: thresholds, blocking and training limits.
///
/// Use `LinkageSettings()` for the defaults, tuned on synthetic UK-style records, and
/// change single values for a partnership. Contract: a pair whose match probability is at
/// least `autoLinkProbability` is linked without review; one at least `reviewProbability`
/// (and below auto-link) goes to clerical review; anything lower is a non-match and is not
/// returned. Values out of range are clamped when used, never trapped on. The cannot-link
/// rule (`PersonConflict`) is not a setting: no threshold lets conflicting records merge.
public struct LinkageSettings: Codable, Sendable, Equatable {
    /// Probability at or above which a pair is linked automatically.
    public var autoLinkProbability: Double = 0.85
    /// Probability at or above which a pair is worth a reviewer's look.
    public var reviewProbability: Double = 0.5
    /// Blocking rules unioned to find candidate pairs.
    public var blockingRules: [BlockingRule] = BlockingRule.allCases
    /// Blocks with more records than this are split by each rule's second key.
    public var refineBlocksAbove: Int = 20
    /// Blocks (or parts of split blocks) with more records than this are skipped with a warning.
    public var maximumBlockSize: Int = 300
    /// Random pairs compared to estimate u.
    public var randomPairSampleSize: Int = 600_000
    public var maximumEMIterations: Int = 60
    public var convergenceTolerance: Double = 1e-5
    /// Common names kept in the model's term-frequency tables.
    public var termFrequencyTableSize: Int = 20_000
    /// Worker tasks for standardising and comparing (the machine has 2 cores).
    public var workers: Int = 2

    public init() {}

    /// Match weight (bits) for a probability.
    static func weight(forProbability p: Double) -> Double {
        let clamped = min(max(p, 1e-12), 1 - 1e-12)
        return log2(clamped / (1 - clamped))
    }

    /// Match weight (bits) at the auto-link threshold.
    public var autoLinkWeight: Double { Self.weight(forProbability: autoLinkProbability) }
    /// Match weight (bits) at the review threshold (never above auto-link).
    public var reviewWeight: Double { Self.weight(forProbability: min(reviewProbability, autoLinkProbability)) }
}
