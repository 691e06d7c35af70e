/// One thing wrong with a rule set, precise enough for the analyst to fix it.
///
/// Returned by ``NeedRuleSet/problems()`` and carried by ``InvalidRuleSet``.
/// Contract: `code` is stable (tests and API clients match on it); `ruleID` is
/// nil for problems with the set as a whole or its weights; the description
/// reads `rule children-safe.missing: lookBackDays "0": the look-back window
/// must be at least 1 day`.
public struct RuleSetProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case versionNotPositive = "version-not-positive"
        case noRules = "no-rules"
        case blankRuleID = "blank-rule-id"
        case duplicateRuleID = "duplicate-rule-id"
        case unknownNeed = "unknown-need"
        case unknownCategory = "unknown-category"
        case unknownRole = "unknown-role"
        case noCategories = "no-categories"
        case windowNotPositive = "window-not-positive"
        case minimumCountNotPositive = "minimum-count-not-positive"
        case invalidAgeBand = "invalid-age-band"
        case negativePoints = "negative-points"
        case duplicateWeight = "duplicate-weight"
        case missingWeight = "missing-weight"
    }

    public var code: Code
    public var ruleID: String?
    public var field: String
    public var value: String
    public var reason: String

    public init(code: Code, ruleID: String? = nil, field: String, value: String, reason: String) {
        self.code = code
        self.ruleID = ruleID
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        let place = ruleID.map { "rule \($0)" } ?? "rule set"
        return "\(place): \(field) \"\(value)\": \(reason)"
    }
}

/// Thrown when a rule set with problems is put to use; lists every problem at once.
public struct InvalidRuleSet: Error, Sendable, Hashable, CustomStringConvertible {
    public var version: Int
    public var problems: [RuleSetProblem]

    public init(version: Int, problems: [RuleSetProblem]) {
        self.version = version
        self.problems = problems
    }

    public var description: String {
        "rule set version \(version) has \(problems.count) problem(s):\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
