/// A versioned set of alert rules, and the pure check of a new event against them.
///
/// Use ``standard`` unless the partnership has agreed others. Call
/// ``alerts(for:in:)`` as each event is imported, with the household's facts
/// as they were before it. Contract: pure; an event already in the facts (same
/// event id) raises nothing, so re-importing a batch raises no second alert;
/// one alert per rule crossed, in the set's order.
public struct AlertRuleSet: Sendable, Hashable, Codable {
    public var version: Int
    public var rules: [AlertRule]

    public init(version: Int, rules: [AlertRule]) {
        self.version = version
        self.rules = rules
    }

    /// The alerts `newEvent` raises in the household described by `before`.
    public func alerts(for newEvent: HouseholdEvent, in before: HouseholdFacts) -> [Alert] {
        guard !before.events.contains(where: { $0.eventID == newEvent.eventID }) else { return [] }
        return rules.compactMap { $0.alert(for: newEvent, in: before) }
    }

    /// Every problem in the set; empty when usable.
    public func problems() -> [RuleSetProblem] {
        var found: [RuleSetProblem] = []
        if version <= 0 {
            found.append(.init(code: .versionNotPositive, field: "version", value: String(version),
                               reason: "the version must be 1 or more"))
        }
        var seen: Set<String> = []
        for rule in rules {
            if !seen.insert(rule.id).inserted {
                found.append(.init(code: .duplicateRuleID, ruleID: rule.id, field: "id", value: rule.id,
                                   reason: "rule ids must be unique; rename one"))
            }
            found += rule.problems()
        }
        return found
    }

    /// The partnership's starting alerts (version 1).
    public static let standard = AlertRuleSet(version: 1, rules: [
        AlertRule(id: "alert.repeat-missing", categories: [.missingEpisode], ageBand: .child,
                  scope: .samePerson, count: 2, withinDays: 90),
        AlertRule(id: "alert.domestic-abuse-with-children", categories: [.domesticAbuse],
                  scope: .household, requiresChildInHousehold: true),
        // MARAC counts a repeat as any incident within 12 months of the last referral.
        AlertRule(id: "alert.repeat-domestic-abuse-victim", categories: [.domesticAbuse], roles: [.victim],
                  scope: .samePerson, count: 2, withinDays: 365),
        AlertRule(id: "alert.child-exploitation", categories: [.childExploitation, .countyLines],
                  ageBand: .child, scope: .samePerson),
    ])
}
