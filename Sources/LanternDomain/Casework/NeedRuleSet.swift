/// A versioned set of need rules and score weights: the data an analyst edits
/// to tune whole-family case finding.
///
/// Use ``standard`` as the starting point, round-trip it through JSON to edit
/// it, and build a ``CaseFinding`` from it (which validates it). Contract: a
/// set is usable only when ``problems()`` is empty; every rule id is unique;
/// `version` goes up with every change, and every assessment and score names
/// the version that produced it.
public struct NeedRuleSet: Sendable, Hashable, Codable {
    public var version: Int
    public var rules: [NeedRule]
    public var scoring: ScoringWeights

    public init(version: Int, rules: [NeedRule], scoring: ScoringWeights) {
        self.version = version
        self.rules = rules
        self.scoring = scoring
    }

    /// Every problem in the set, rule by rule then the weights; empty when usable.
    public func problems() -> [RuleSetProblem] {
        var found: [RuleSetProblem] = []
        if version <= 0 {
            found.append(.init(code: .versionNotPositive, field: "version", value: String(version),
                               reason: "the version must be 1 or more"))
        }
        if rules.isEmpty {
            found.append(.init(code: .noRules, field: "rules", value: "", reason: "add at least one rule"))
        }
        var seen: Set<String> = []
        for rule in rules {
            if !seen.insert(rule.id).inserted {
                found.append(.init(code: .duplicateRuleID, ruleID: rule.id, field: "id", value: rule.id,
                                   reason: "rule ids must be unique; rename one"))
            }
            found += rule.problems()
        }
        found += scoring.problems(needsWithRules: Set(rules.compactMap(\.need)))
        return found
    }

    /// The rules for one need, in the set's order.
    public func rules(for need: FamilyNeed) -> [NeedRule] {
        rules.filter { $0.needCode == need.rawValue }
    }
}
