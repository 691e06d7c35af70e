/// Whole-family case finding under one validated rule set: which needs each
/// household shows, its score, and the ranked list for a reviewer.
///
/// Build one per rule set version (building validates and compiles the rules)
/// and reuse it for every household; it holds no state beyond the rules, so it
/// is safe to share across tasks. Contract: pure, the same facts and day give
/// the same answer; only events on or before the reference day count; the list
/// ranks households for a person to review and decides nothing.
public struct CaseFinding: Sendable {
    public let ruleSet: NeedRuleSet
    private let compiled: [CompiledRule]
    private let longestLookBack: Int
    private let needPoints: [Int]

    /// A rule reduced to masks and numbers for the hot loop.
    private struct CompiledRule: Sendable {
        var rule: NeedRule
        var need: FamilyNeed
        var categories: UInt64
        var roles: UInt8
        var ageBand: AgeBand?
    }

    /// Validates `ruleSet` and compiles it; throws every problem at once.
    public init(_ ruleSet: NeedRuleSet) throws(InvalidRuleSet) {
        let problems = ruleSet.problems()
        guard problems.isEmpty else { throw InvalidRuleSet(version: ruleSet.version, problems: problems) }
        self.ruleSet = ruleSet
        compiled = ruleSet.rules.map { rule in
            CompiledRule(
                rule: rule, need: rule.need!, // validated above: the code is known
                categories: rule.categories.reduce(0) { $0 | Self.bit($1) },
                roles: rule.roleCodes.isEmpty ? .max : rule.roles.reduce(0) { $0 | Self.bit($1) },
                ageBand: rule.ageBand)
        }
        longestLookBack = ruleSet.rules.map(\.lookBackDays).max() ?? 0
        needPoints = FamilyNeed.allCases.map(ruleSet.scoring.points(for:))
    }

    // MARK: Needs

    /// The needs indicated in one household on `day`, with the evidence.
    public func assess(_ facts: HouseholdFacts, on day: CalendarDate) -> HouseholdNeeds {
        let today = day.dayNumber
        var counted = [[Int]](repeating: [], count: compiled.count)
        for (index, event) in facts.events.enumerated() {
            let daysAgo = today - event.occurredOn.dayNumber
            guard daysAgo >= 0, daysAgo <= longestLookBack else { continue }
            let category = Self.bit(event.category), role = Self.bit(event.role)
            var birth: CalendarDate?? = .none // looked up once, only if a rule asks for an age
            for r in compiled.indices {
                let rule = compiled[r]
                guard rule.categories & category != 0, rule.roles & role != 0,
                      daysAgo <= rule.rule.lookBackDays else { continue }
                if let band = rule.ageBand {
                    if birth == nil { birth = .some(facts.dateOfBirth(of: event.personID)) }
                    guard band.contains(bornOn: birth!, on: event.occurredOn) else { continue }
                }
                counted[r].append(index)
            }
        }
        var byNeed = [[RuleFinding]](repeating: [], count: FamilyNeed.allCases.count)
        for r in compiled.indices where !counted[r].isEmpty {
            let rule = compiled[r]
            let events = counted[r].map { facts.events[$0] }.sorted(by: RuleFinding.newestFirst)
            byNeed[Self.index(rule.need)].append(RuleFinding(
                ruleID: rule.rule.id, need: rule.need, lookBackDays: rule.rule.lookBackDays,
                minimumCount: rule.rule.minimumCount, events: events))
        }
        var assessments: [NeedAssessment] = []
        for (n, need) in FamilyNeed.allCases.enumerated() where !byNeed[n].isEmpty {
            assessments.append(NeedAssessment(need: need, findings: byNeed[n]))
        }
        return HouseholdNeeds(householdID: facts.householdID, assessedOn: day,
                              ruleSetVersion: ruleSet.version, assessments: assessments)
    }

    // MARK: Score

    /// The score of assessed needs, with a line per indicated need, then the
    /// recency boost and the partner bonus when they earn points.
    public func score(_ needs: HouseholdNeeds) -> CaseFindingScore {
        let today = needs.assessedOn.dayNumber
        var lines: [CaseFindingScore.Line] = []
        var latest: CalendarDate?
        var partners: Set<String> = []
        for assessment in needs.assessments where assessment.isIndicated {
            guard let newest = assessment.latestEvidence else { continue }
            lines.append(.init(
                reason: .need(assessment.need, latest: newest.category, daysAgo: today - newest.occurredOn.dayNumber),
                points: needPoints[Self.index(assessment.need)]))
            if latest.map({ newest.occurredOn > $0 }) ?? true { latest = newest.occurredOn }
            for finding in assessment.findings where finding.fired {
                for event in finding.events { partners.insert(event.partner) }
            }
        }
        if let latest {
            let daysAgo = today - latest.dayNumber
            let boost = ruleSet.scoring.recencyBoosts.filter { daysAgo <= $0.withinDays }.map(\.points).max() ?? 0
            if boost > 0 { lines.append(.init(reason: .recency(daysAgo: daysAgo), points: boost)) }
        }
        let bonus = ruleSet.scoring.partnerBonuses.filter { partners.count >= $0.atLeast }.map(\.points).max() ?? 0
        if bonus > 0 { lines.append(.init(reason: .partners(count: partners.count), points: bonus)) }
        return CaseFindingScore(householdID: needs.householdID, ruleSetVersion: ruleSet.version,
                                lines: lines, latestEvidenceOn: latest)
    }

    // MARK: List

    /// Needs and score for one household: one row of the case-finding list.
    public func entry(for facts: HouseholdFacts, on day: CalendarDate) -> CaseFindingEntry {
        let needs = assess(facts, on: day)
        return CaseFindingEntry(householdID: facts.householdID, postcodeDistrict: facts.postcodeDistrict,
                                hasLeadProfessional: facts.hasLeadProfessional, needs: needs, score: score(needs))
    }

    /// The case-finding list: households that pass `filter`, highest score
    /// first (see ``CaseFindingEntry/ranksBefore(_:_:)``). Households with a
    /// lead professional never appear.
    public func rankedList(_ households: [HouseholdFacts], on day: CalendarDate,
                           filter: CaseFindingFilter = .init()) -> [CaseFindingEntry] {
        CaseFindingEntry.ranked(households.lazy
            .filter { !$0.hasLeadProfessional && filter.admitsArea($0.postcodeDistrict) }
            .map { entry(for: $0, on: day) }
            .filter(filter.admits))
    }

    // MARK: Bits

    // Ordinals are computed once from `allCases`; the hot loop then works on masks.
    private static let categoryBits: [EventCategory: UInt64] = Dictionary(
        uniqueKeysWithValues: EventCategory.allCases.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
    private static let roleBits: [PersonRole: UInt8] = Dictionary(
        uniqueKeysWithValues: PersonRole.allCases.enumerated().map { ($1, UInt8(1) << UInt8($0)) })
    private static let needIndex: [FamilyNeed: Int] = Dictionary(
        uniqueKeysWithValues: FamilyNeed.allCases.enumerated().map { ($1, $0) })

    private static func bit(_ category: EventCategory) -> UInt64 { categoryBits[category]! }
    private static func bit(_ role: PersonRole) -> UInt8 { roleBits[role]! }
    private static func index(_ need: FamilyNeed) -> Int { needIndex[need]! }
}
