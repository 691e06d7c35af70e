import Foundation

/// One person in an evaluation: the profile they are matched on, and the
/// count of the outcome (incidents, call-outs, missing episodes) in the
/// window before the intervention began and in the window after.
public struct EvaluationUnit: Sendable, Hashable {
    /// Matched exactly: a cohort member is compared only with people of the same profile.
    public var profile: String
    public var before: Int
    public var after: Int
    /// The period the intervention began in (a quarter's month index), for the per-period disclosure check.
    public var period: Int

    public init(profile: String, before: Int, after: Int, period: Int = 0) {
        self.profile = profile
        self.before = before
        self.after = after
        self.period = period
    }

    /// After minus before: negative is a fall.
    public var change: Double { Double(after - before) }
}

/// What a matched comparison found: the cohort's change against the change
/// of similar people not given the intervention, with a confidence interval.
public struct EffectEstimate: Sendable, Hashable {
    /// Cohort members with at least one comparison person of their profile.
    public var matchedCohort: Int
    /// Comparison people in the profiles the cohort uses.
    public var matchedComparison: Int
    /// Cohort members left out because nobody not given the intervention shared their profile.
    public var unmatchedCohort: Int
    /// Profiles that held both a cohort member and a comparison person.
    public var profiles: Int
    /// Mean change per cohort member.
    public var cohortChange: Double
    /// Mean change per comparison person, weighted to the cohort's mix of profiles.
    public var comparisonChange: Double
    /// `cohortChange - comparisonChange`: negative means the cohort's outcome fell by more.
    public var effect: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    /// The interval's coverage, 0.95 by default.
    public var confidence: Double
}

/// Exact matching on a profile, then the difference in mean change (a
/// difference in differences), weighted to the cohort: the effect on those
/// given the intervention.
///
/// Why this method: it needs nothing but counts per person, which is all a
/// depersonalised store holds; exact strata make the matching explainable on
/// the page; and the before-and-after change within each person removes what
/// stays fixed about them. Contract: the interval is the normal approximation
/// over the strata's sample variances; a stratum with one person on a side
/// borrows that side's variance over all its matched people, so a lone match
/// does not claim certainty. Returns nil when no cohort member can be matched.
public enum MatchedEvaluation {
    /// The two-sided normal quantile for 95%.
    public static let z95 = 1.959963984540054

    public static func estimate(cohort: [EvaluationUnit], comparison: [EvaluationUnit], z: Double = z95,
                                confidence: Double = 0.95) -> EffectEstimate? {
        let cohortBy = Dictionary(grouping: cohort, by: \.profile)
        let comparisonBy = Dictionary(grouping: comparison, by: \.profile)
        let shared = cohortBy.keys.filter { comparisonBy[$0] != nil }.sorted()
        let matchedCohort = shared.reduce(0) { $0 + cohortBy[$1]!.count }
        guard matchedCohort > 0 else { return nil }
        let cohortVariance = variance(shared.flatMap { cohortBy[$0]!.map(\.change) })
        let comparisonVariance = variance(shared.flatMap { comparisonBy[$0]!.map(\.change) })
        var effect = 0.0, cohortChange = 0.0, comparisonChange = 0.0, sampling = 0.0
        for profile in shared {
            let treated = cohortBy[profile]!.map(\.change)
            let others = comparisonBy[profile]!.map(\.change)
            let weight = Double(treated.count) / Double(matchedCohort)
            let treatedMean = mean(treated), othersMean = mean(others)
            cohortChange += weight * treatedMean
            comparisonChange += weight * othersMean
            effect += weight * (treatedMean - othersMean)
            let treatedVariance = treated.count > 1 ? variance(treated) : cohortVariance
            let othersVariance = others.count > 1 ? variance(others) : comparisonVariance
            sampling += weight * weight * (treatedVariance / Double(treated.count) + othersVariance / Double(others.count))
        }
        let error = sampling.squareRoot()
        return EffectEstimate(matchedCohort: matchedCohort, matchedComparison: shared.reduce(0) { $0 + comparisonBy[$1]!.count },
                              unmatchedCohort: cohort.count - matchedCohort, profiles: shared.count,
                              cohortChange: cohortChange, comparisonChange: comparisonChange, effect: effect,
                              standardError: error, lower: effect - z * error, upper: effect + z * error, confidence: confidence)
    }

    /// The fewest matched people on either side in any one period that has a matched cohort member.
    ///
    /// Why: two releases over windows one period apart differ by that
    /// period's people; if each period's matched groups are large enough
    /// for a mean, so is anything a difference can reveal.
    public static func smallestPeriodGroup(cohort: [EvaluationUnit], comparison: [EvaluationUnit]) -> Int? {
        let comparisonBy = Dictionary(grouping: comparison, by: \.profile)
        let matched = cohort.filter { comparisonBy[$0.profile] != nil }
        let periods = Set(matched.map(\.period))
        return periods.map { period in
            let treated = matched.filter { $0.period == period }
            let profiles = Set(treated.map(\.profile))
            let others = profiles.reduce(0) { $0 + comparisonBy[$1]!.count }
            return min(treated.count, others)
        }.min()
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The sample variance (n - 1); 0 for fewer than two values.
    static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let centre = mean(values)
        return values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(values.count - 1)
    }
}

/// An effect as it may be released: its figures to one decimal place, or why it is held back.
public struct DisclosedEffect: Sendable, Hashable, Codable {
    public var effect: DisclosedFigure
    public var lower: DisclosedFigure
    public var upper: DisclosedFigure
    public var cohortChange: DisclosedFigure
    public var comparisonChange: DisclosedFigure
    /// Why the figures are withheld, when they are.
    public var withheldBecause: String?
}

extension DisclosurePolicy {
    /// Shown only when both matched groups hold `minimumGroup` or more people, as for any mean,
    /// and, when `smallestPeriodGroup` is given, so does each period's.
    public func disclose(_ estimate: EffectEstimate?, smallestPeriodGroup: Int? = nil) -> DisclosedEffect {
        let held = { (reason: String) in
            DisclosedEffect(effect: .withheld(reason), lower: .withheld(reason), upper: .withheld(reason),
                            cohortChange: .withheld(reason), comparisonChange: .withheld(reason), withheldBecause: reason)
        }
        guard let estimate else { return held("no one in the cohort could be matched with a similar person") }
        guard estimate.matchedCohort >= minimumGroup, estimate.matchedComparison >= minimumGroup else {
            return held("fewer than \(minimumGroup) matched people in the cohort or in the comparison group")
        }
        if let smallestPeriodGroup, smallestPeriodGroup < minimumGroup {
            return held("a quarter in the window has fewer than \(minimumGroup) matched people in the cohort or in the comparison group; ask for a window of whole quarters that each hold more")
        }
        return DisclosedEffect(effect: .shown(estimate.effect), lower: .shown(estimate.lower), upper: .shown(estimate.upper),
                               cohortChange: .shown(estimate.cohortChange), comparisonChange: .shown(estimate.comparisonChange),
                               withheldBecause: nil)
    }
}
