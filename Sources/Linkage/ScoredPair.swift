import Foundation

/// Two records compared and scored: their match weight, probability and the evidence.
///
/// Returned by `LinkageRun` and `LinkageIndex`. Contract: `first < second` (record
/// indices in the input order); `weight` is log2 of the posterior odds that they are one
/// person (prior plus every field's evidence); `pattern`, the two term-frequency terms and
/// the partner's birth-cohort term and the household-move term are all that `MatchExplanation`
/// needs to say why, so explanations are built on demand.
public struct ScoredPair: Hashable, Sendable, Codable {
    public let first: Int
    public let second: Int
    public let weight: Double
    public let pattern: ComparisonPattern
    /// Extra bits for an exact given-name match on a rare (+) or common (-) name.
    public let givenNameFrequencyAdjustment: Double
    public let familyNameFrequencyAdjustment: Double
    /// Bits from the partner of a record with no date of birth, for the other record's year
    /// of birth (`LinkageModel.partnerCohortAdjustment`); 0 when both or neither have a date.
    public let partnerCohortAdjustment: Double
    /// Bits for another member of the household linked across the same two homes
    /// (`HouseholdMoves`); 0 for most pairs.
    public let householdMoveAdjustment: Double

    public init(first: Int, second: Int, weight: Double, pattern: ComparisonPattern,
                givenNameFrequencyAdjustment: Double = 0, familyNameFrequencyAdjustment: Double = 0,
                partnerCohortAdjustment: Double = 0, householdMoveAdjustment: Double = 0) {
        self.first = min(first, second)
        self.second = max(first, second)
        self.weight = weight
        self.pattern = pattern
        self.givenNameFrequencyAdjustment = givenNameFrequencyAdjustment
        self.familyNameFrequencyAdjustment = familyNameFrequencyAdjustment
        self.partnerCohortAdjustment = partnerCohortAdjustment
        self.householdMoveAdjustment = householdMoveAdjustment
    }

    /// This pair with `bits` of household-move evidence added to its weight.
    func raised(byHouseholdMove bits: Double) -> ScoredPair {
        ScoredPair(first: first, second: second, weight: weight + bits, pattern: pattern,
                   givenNameFrequencyAdjustment: givenNameFrequencyAdjustment,
                   familyNameFrequencyAdjustment: familyNameFrequencyAdjustment,
                   partnerCohortAdjustment: partnerCohortAdjustment, householdMoveAdjustment: householdMoveAdjustment + bits)
    }

    private enum CodingKeys: String, CodingKey {
        case first, second, weight, pattern, givenNameFrequencyAdjustment, familyNameFrequencyAdjustment
        case partnerCohortAdjustment, householdMoveAdjustment
    }

    /// Pairs stored before the partner's cohorts or household moves were weighed read with no such term.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(first: try c.decode(Int.self, forKey: .first), second: try c.decode(Int.self, forKey: .second),
                  weight: try c.decode(Double.self, forKey: .weight), pattern: try c.decode(ComparisonPattern.self, forKey: .pattern),
                  givenNameFrequencyAdjustment: try c.decode(Double.self, forKey: .givenNameFrequencyAdjustment),
                  familyNameFrequencyAdjustment: try c.decode(Double.self, forKey: .familyNameFrequencyAdjustment),
                  partnerCohortAdjustment: try c.decodeIfPresent(Double.self, forKey: .partnerCohortAdjustment) ?? 0,
                  householdMoveAdjustment: try c.decodeIfPresent(Double.self, forKey: .householdMoveAdjustment) ?? 0)
    }

    /// True when given name or date of birth disagree outright and no NHS or CRO number
    /// agrees: evidence of two people (twins, a parent and child at one address) that
    /// shared address, phone and surname can outweigh. Read from the pattern alone; the
    /// run's cannot-link rule is `PersonConflict`, which also weighs sex.
    public var hasPersonConflict: Bool {
        let givenDifferent = pattern.level(of: .givenName) == 6
        let birthDifferent = pattern.level(of: .dateOfBirth) == 6
        let identifierAgrees = pattern.level(of: .nhsNumber) == 1 || pattern.level(of: .croNumber) == 1
        return (givenDifferent || birthDifferent) && !identifierAgrees
    }

    /// The order a run decides pairs in: strongest first, ties by record index.
    static func strongestFirst(_ a: ScoredPair, _ b: ScoredPair) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : (a.first, a.second) < (b.first, b.second)
    }

    /// Probability that the two records are the same person.
    public var probability: Double {
        let odds = exp2(weight)
        return odds.isInfinite ? 1 : odds / (1 + odds)
    }
}

/// What a run decided about a pair.
public enum MatchDecision: String, Codable, Sendable {
    case autoLink, review, nonMatch
    /// Decided by the cannot-link rule or a reviewer: the records are different people.
    case differentPeople
}
