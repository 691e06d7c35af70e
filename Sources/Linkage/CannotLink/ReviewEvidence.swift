import Foundation

/// What a reviewer sees for one pair: each field as agreeing, partly agreeing, differing or
/// missing, the rule that stopped an automatic link, and the match probability in words.
///
/// Build it with `LinkageResult.reviewEvidence(for:)`. Contract: every compared field
/// appears once, in `ComparisonField` order; `stoppedBy` is nil for an automatic link;
/// `probabilityText` never rounds up to 100% or down to 0%.
public struct ReviewEvidence: Sendable, Codable, Equatable {
    public enum Agreement: String, Sendable, Codable {
        case agrees, partly, differs, missing
    }

    public struct Field: Sendable, Codable, Equatable {
        public var field: ComparisonField
        public var agreement: Agreement
        /// "date of birth with day and month swapped"
        public var description: String
        /// This field's disagreement is what the cannot-link rule acted on.
        public var isConflict: Bool
    }

    public var fields: [Field]
    public var decision: MatchDecision
    /// The rule and its reason, e.g. "cannot-link rule: different given name, so these are different people".
    public var stoppedBy: String?
    public var probability: Double
    public var probabilityText: String

    public init(pair: ScoredPair, outcome: PairOutcome, model: LinkageModel) {
        let conflict = outcome.reason?.conflict ?? []
        fields = ComparisonField.allCases.map { field in
            let level = pair.pattern.level(of: field)
            let agreement: Agreement = level == 0 ? .missing
                : level == 1 ? .agrees
                : level == field.levelCount - 1 ? .differs : .partly
            return Field(field: field, agreement: agreement, description: field.levelDescriptions[level],
                         isConflict: conflict.fields.contains(field))
        }
        decision = outcome.decision
        stoppedBy = outcome.reason?.description
        probability = pair.probability
        probabilityText = Self.words(forProbability: pair.probability)
    }

    public var agreeing: [ComparisonField] { fields.filter { $0.agreement == .agrees }.map(\.field) }
    public var differing: [ComparisonField] { fields.filter { $0.agreement == .differs }.map(\.field) }

    /// A probability as a person reads it: "85%", "99.9%", "more than 99.99%". Rounds
    /// towards 50% near the ends so that 0.99996 never shows as "100%".
    public static func words(forProbability p: Double) -> String {
        let percent = min(max(p, 0), 1) * 100
        if percent > 99.99 { return "more than 99.99%" }
        if percent < 0.01 { return "less than 0.01%" }
        // A hair of slack so that 0.999, stored as 99.8999..., still reads 99.9.
        let slack = 1e-9
        func trimmed(_ text: String) -> String {
            var text = text
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + "%"
        }
        if percent >= 99.9 - slack { return trimmed(String(format: "%.2f", ((percent + slack) * 100).rounded(.down) / 100)) }
        if percent >= 99 - slack { return trimmed(String(format: "%.1f", ((percent + slack) * 10).rounded(.down) / 10)) }
        if percent < 0.1 { return trimmed(String(format: "%.2f", ((percent - slack) * 100).rounded(.up) / 100)) }
        if percent < 1 { return trimmed(String(format: "%.1f", ((percent - slack) * 10).rounded(.up) / 10)) }
        return String(format: "%.0f%%", percent.rounded())
    }
}
