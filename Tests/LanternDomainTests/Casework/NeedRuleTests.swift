import LanternDomain
import Testing

/// Every rule of the standard rule set, checked at its edges: an event just
/// inside the window indicates, just outside or in the future does not, the
/// wrong role or age does not, one event short of the minimum does not.
@Suite struct NeedRuleTests {
    typealias F = CaseworkFixture
    static let rules = NeedRuleSet.standard.rules

    /// A member of the right age for `rule` (the top of its band, to test inclusivity).
    static func member(for rule: NeedRule, age: Int? = nil, on day: CalendarDate = F.today) -> HouseholdFacts.Member {
        let age = age ?? rule.ageBand.map { $0.toYears ?? $0.fromYears } ?? 30
        return .init(personID: "p1", dateOfBirth: F.born(aged: age, on: day))
    }

    /// `count` matching events, all on `day`, by the rule's first category and role.
    static func facts(for rule: NeedRule, count: Int? = nil, on day: CalendarDate,
                      role: PersonRole? = nil, member: HouseholdFacts.Member? = nil) -> HouseholdFacts {
        let events = (0..<(count ?? rule.minimumCount)).map { index in
            F.event("e\(index)", rule.categories[0], role ?? rule.roles.first ?? .subject, on: day)
        }
        return F.household(members: [member ?? Self.member(for: rule, on: day)], events: events)
    }

    static func fires(_ rule: NeedRule, _ facts: HouseholdFacts) -> Bool {
        let needs = F.caseFinding.assess(facts, on: F.today)
        return needs.assessment(of: rule.need!).findings.first { $0.ruleID == rule.id }?.fired ?? false
    }

    @Test(arguments: rules)
    func anEventJustInsideTheWindowIndicatesTheNeed(_ rule: NeedRule) {
        let facts = Self.facts(for: rule, on: F.daysAgo(rule.lookBackDays))
        #expect(Self.fires(rule, facts))
        let needs = F.caseFinding.assess(facts, on: F.today)
        #expect(needs.isIndicated(rule.need!))
        #expect(needs.assessment(of: rule.need!).firedRuleIDs.contains(rule.id))
    }

    @Test(arguments: rules)
    func anEventOnTheReferenceDayIndicatesTheNeed(_ rule: NeedRule) {
        #expect(Self.fires(rule, Self.facts(for: rule, on: F.today)))
    }

    @Test(arguments: rules)
    func anEventJustOutsideTheWindowDoesNot(_ rule: NeedRule) {
        #expect(!Self.fires(rule, Self.facts(for: rule, on: F.daysAgo(rule.lookBackDays + 1))))
    }

    @Test(arguments: rules)
    func anEventAfterTheReferenceDayDoesNot(_ rule: NeedRule) {
        #expect(!Self.fires(rule, Self.facts(for: rule, on: F.today.adding(days: 1))))
    }

    @Test(arguments: rules.filter { $0.minimumCount > 1 })
    func oneEventShortOfTheMinimumDoesNot(_ rule: NeedRule) {
        let facts = Self.facts(for: rule, count: rule.minimumCount - 1, on: F.today)
        #expect(!Self.fires(rule, facts))
        let finding = F.caseFinding.assess(facts, on: F.today).assessment(of: rule.need!).findings.first { $0.ruleID == rule.id }
        #expect(finding?.summary.hasSuffix("; \(rule.minimumCount) needed") == true)
    }

    @Test(arguments: rules.filter { !$0.roles.isEmpty })
    func theWrongRoleDoesNot(_ rule: NeedRule) throws {
        let wrong = try #require(PersonRole.allCases.first { !rule.roles.contains($0) })
        #expect(!Self.fires(rule, Self.facts(for: rule, on: F.today, role: wrong)))
    }

    @Test(arguments: rules.filter { $0.ageBand != nil })
    func someoneOutsideTheAgeBandDoesNot(_ rule: NeedRule) throws {
        let band = try #require(rule.ageBand)
        let outside = band.toYears.map { $0 + 1 } ?? band.fromYears - 1
        #expect(!Self.fires(rule, Self.facts(for: rule, on: F.today, member: Self.member(for: rule, age: outside))))
        // An unknown date of birth is in no band.
        #expect(!Self.fires(rule, Self.facts(for: rule, on: F.today, member: .init(personID: "p1"))))
    }

    @Test(arguments: rules)
    func anotherCategoryDoesNot(_ rule: NeedRule) throws {
        let other = try #require(EventCategory.allCases.first { !rule.categories.contains($0) })
        var facts = Self.facts(for: rule, on: F.today)
        facts.events = facts.events.map { var e = $0; e.category = other; return e }
        #expect(!Self.fires(rule, facts))
    }

    @Test func everyNeedHasARuleAndEveryCategoryOfARuleIsKnown() {
        let set = NeedRuleSet.standard
        #expect(set.problems().isEmpty)
        for need in FamilyNeed.allCases { #expect(!set.rules(for: need).isEmpty, "no rule for \(need)") }
    }

    @Test func evidenceReadsAsAPractitionerWouldSayIt() {
        let facts = F.household(members: [.init(personID: "p1", dateOfBirth: F.born(aged: 14))], events: [
            F.event("m1", .missingEpisode, on: F.daysAgo(3)),
            F.event("m2", .missingEpisode, on: F.daysAgo(40)),
            F.event("x1", .exclusion, on: F.daysAgo(10), by: "St Mary's School"),
            F.event("x2", .persistentAbsence, on: F.daysAgo(20), by: "Harrowmere Council"),
        ])
        let needs = F.caseFinding.assess(facts, on: F.today)
        #expect(needs.indicated == [.goodEducation, .childrenSafe])
        #expect(needs.assessment(of: .childrenSafe).evidence == ["2 missing episodes in the last 90 days (Harrowmere Police)"])
        #expect(needs.assessment(of: .goodEducation).evidence == [
            "1 school exclusion in the last 365 days (St Mary's School)",
            "1 persistent absence record in the last 365 days (Harrowmere Council)",
        ])
        #expect(needs.assessment(of: .childrenSafe).latestEvidence?.eventID == "m1")
    }

    @Test func aRuleWithManyCategoriesCountsThemTogether() {
        let facts = F.household(events: [
            F.event("t1", .eviction, on: F.daysAgo(5), by: "Harrowmere Homes"),
            F.event("t2", .homelessness, on: F.daysAgo(6), by: "Harrowmere Council"),
            F.event("t3", .homelessness, on: F.daysAgo(7), by: "Harrowmere Council"),
        ])
        let finding = F.caseFinding.assess(facts, on: F.today).assessment(of: .secureHousing).findings[0]
        #expect(finding.summary == "3 events in the last 365 days: 1 eviction, 2 homelessness applications "
            + "(Harrowmere Council, Harrowmere Homes)")
    }

    @Test(arguments: [(2008, 2, 29, "2026-02-28", 17), (2008, 2, 29, "2026-03-01", 18),
                      (2007, 6, 15, "2025-06-14", 17), (2007, 6, 15, "2025-06-15", 18)])
    func agesAreCompletedYearsOnTheDay(_ y: Int, _ m: Int, _ d: Int, _ on: String, _ age: Int) {
        #expect(AgeBand.age(bornOn: CalendarDate(year: y, month: m, day: d)!, on: F.date(on)) == age)
    }
}
