/// Whether one family need is indicated in a household, and why.
///
/// Contract: the need is indicated when at least one of its rules fired;
/// `findings` hold every rule of the need that counted an event, fired or not,
/// in the rule set's order.
public struct NeedAssessment: Sendable, Hashable, Codable {
    public var need: FamilyNeed
    public var findings: [RuleFinding]

    public init(need: FamilyNeed, findings: [RuleFinding]) {
        self.need = need
        self.findings = findings
    }

    public var isIndicated: Bool { findings.contains(where: \.fired) }

    /// Ids of the rules that fired.
    public var firedRuleIDs: [String] { findings.filter(\.fired).map(\.ruleID) }

    /// The evidence lines of the rules that fired.
    public var evidence: [String] { findings.filter(\.fired).map(\.summary) }

    /// The newest event among the rules that fired.
    public var latestEvidence: HouseholdEvent? {
        findings.filter(\.fired).compactMap(\.latest).min(by: RuleFinding.newestFirst)
    }
}

/// The ten needs assessed for one household on one day under one rule set.
///
/// Produced by ``CaseFinding/assess(_:on:)``. Contract: `assessments` hold only
/// the needs for which some rule counted an event, in ``FamilyNeed`` order;
/// ``assessment(of:)`` answers for any need.
public struct HouseholdNeeds: Sendable, Hashable, Codable {
    public var householdID: String
    public var assessedOn: CalendarDate
    public var ruleSetVersion: Int
    public var assessments: [NeedAssessment]

    public init(householdID: String, assessedOn: CalendarDate, ruleSetVersion: Int, assessments: [NeedAssessment]) {
        self.householdID = householdID
        self.assessedOn = assessedOn
        self.ruleSetVersion = ruleSetVersion
        self.assessments = assessments
    }

    /// The needs indicated, in ``FamilyNeed`` order.
    public var indicated: [FamilyNeed] { assessments.filter(\.isIndicated).map(\.need) }

    public func isIndicated(_ need: FamilyNeed) -> Bool {
        assessments.contains { $0.need == need && $0.isIndicated }
    }

    /// The assessment of `need`; not indicated, with no findings, when no rule counted an event.
    public func assessment(of need: FamilyNeed) -> NeedAssessment {
        assessments.first { $0.need == need } ?? NeedAssessment(need: need, findings: [])
    }
}
