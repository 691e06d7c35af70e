import Foundation

/// Why a pair scored as it did, field by field, in words a practitioner can check.
///
/// Build it with `MatchExplanation(pair:model:)`. Contract: the contributions (prior
/// included) add up to the pair's weight; each line reads like "same date of birth +14.2"
/// and fields missing on either side are left out.
public struct MatchExplanation: Sendable, Codable, Equatable {
    public struct Contribution: Sendable, Codable, Equatable {
        public var field: ComparisonField?
        public var level: Int
        public var weight: Double
        public var description: String

        /// "same date of birth +14.2"
        public var line: String { "\(description) \(Self.signed(weight))" }

        static func signed(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            let text = String(format: "%.1f", abs(rounded))
            return rounded < 0 ? "-\(text)" : "+\(text)"
        }
    }

    public var contributions: [Contribution]
    public var weight: Double

    public init(pair: ScoredPair, model: LinkageModel) {
        var lines = [Contribution(field: nil, level: 0, weight: model.priorWeight,
                                  description: "starting odds for any two records")]
        let weights = model.fieldWeights(pair.pattern)
        let shared = LinkageModel.sharesAddress(pair.pattern)
        let neighbours = LinkageModel.sharesNeighbourhood(pair.pattern)
        for field in ComparisonField.allCases {
            let level = pair.pattern.level(of: field)
            guard level > 0 else { continue }
            var weight = weights[field.rawValue]
            var description = field.levelDescriptions[level]
            if (shared && field == .familyName) || (neighbours && field == .phone)
                || (field == .givenName && LinkageModel.weighsGivenNameWithinHousehold(pair.pattern)),
               weight < model.weight(field, level: level) {
                description += " (shared at one address, counts less)"
            }
            if level == 1, field == .sex, LinkageModel.givenNameImpliesSex(pair.pattern), weight < model.weight(field, level: level) {
                description += " (the given name already says so, counts for nothing)"
            }
            if level == 1, field == .givenName, pair.givenNameFrequencyAdjustment != 0 {
                weight += pair.givenNameFrequencyAdjustment
                description += pair.givenNameFrequencyAdjustment < 0 ? " (a common name)" : " (an uncommon name)"
            }
            if level == 1, field == .familyName, pair.familyNameFrequencyAdjustment != 0 {
                weight += pair.familyNameFrequencyAdjustment
                description += pair.familyNameFrequencyAdjustment < 0 ? " (a common surname)" : " (an uncommon surname)"
            }
            lines.append(Contribution(field: field, level: level, weight: weight, description: description))
        }
        if pair.partnerCohortAdjustment != 0 {
            let often = pair.partnerCohortAdjustment > 0
            lines.append(Contribution(
                field: .dateOfBirth, level: 0, weight: pair.partnerCohortAdjustment,
                description: "date of birth missing on one record, whose partner's records are "
                    + (often ? "often" : "seldom") + " born when the other was"))
        }
        if pair.householdMoveAdjustment != 0 {
            lines.append(Contribution(
                field: .address, level: 0, weight: pair.householdMoveAdjustment,
                description: "another member of the household is linked between the same two homes (moved together)"))
        }
        contributions = lines
        weight = pair.weight
    }

    /// One line per contribution, strongest evidence first after the starting odds.
    public var lines: [String] {
        [contributions[0].line] + contributions.dropFirst().sorted { abs($0.weight) > abs($1.weight) }.map(\.line)
    }
}
