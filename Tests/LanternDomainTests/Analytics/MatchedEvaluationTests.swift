import LanternDomain
import PropertyBased
import Testing

/// The matched comparison behind the evaluation report: a hand-worked
/// example, the properties any difference in differences must keep, the
/// disclosure rule for its figures, and how MARAC's two groups are timed.
@Suite struct MatchedEvaluationTests {
    static func unit(_ profile: String, _ before: Int, _ after: Int) -> EvaluationUnit {
        EvaluationUnit(profile: profile, before: before, after: after)
    }

    @Test func aWorkedExampleByHand() throws {
        let cohort = [Self.unit("A", 3, 1), Self.unit("A", 2, 0), Self.unit("B", 1, 1), Self.unit("C", 5, 5)]
        let comparison = [Self.unit("A", 3, 3), Self.unit("A", 2, 1), Self.unit("B", 1, 2), Self.unit("B", 1, 0), Self.unit("B", 1, 1)]
        let found = try #require(MatchedEvaluation.estimate(cohort: cohort, comparison: comparison))
        // A: cohort changes -2, -2 against 0, -1 (mean -0.5, variance 0.5), weight 2/3.
        // B: one cohort change of 0 (borrowing the matched cohort's variance, 4/3) against 1, -1, 0 (variance 1), weight 1/3.
        // C has nobody to compare with.
        #expect(found.matchedCohort == 3)
        #expect(found.unmatchedCohort == 1)
        #expect(found.matchedComparison == 5)
        #expect(found.profiles == 2)
        #expect(abs(found.effect - -1.0) < 1e-12)
        #expect(abs(found.cohortChange - -4.0 / 3) < 1e-12)
        #expect(abs(found.comparisonChange - -1.0 / 3) < 1e-12)
        // (2/3)^2 (0/2 + 0.5/2) + (1/3)^2 (4/3 + 1/3) = 8/27.
        #expect(abs(found.standardError - (8.0 / 27).squareRoot()) < 1e-12)
        #expect(abs(found.lower - (-1 - MatchedEvaluation.z95 * (8.0 / 27).squareRoot())) < 1e-12)
        #expect(abs(found.upper - (-1 + MatchedEvaluation.z95 * (8.0 / 27).squareRoot())) < 1e-12)
    }

    @Test func nobodyToMatchMeansNoEstimate() {
        #expect(MatchedEvaluation.estimate(cohort: [Self.unit("A", 1, 0)], comparison: [Self.unit("B", 1, 0)]) == nil)
        #expect(MatchedEvaluation.estimate(cohort: [], comparison: [Self.unit("B", 1, 0)]) == nil)
    }

    /// Up to 40 people over 4 profiles, each with 0-5 incidents before and 0-3 after (one number each, unpacked).
    static let units = Gen.int(in: 0...(4 * 6 * 4 - 1)).array(of: 1...40).map { codes in
        codes.map { EvaluationUnit(profile: "p\($0 % 4)", before: $0 / 4 % 6, after: $0 / 24 % 4) }
    }

    @Test func raisingTheCohortsAfterCountsMovesTheEffectByThatMuch() async {
        await propertyCheck(count: 200, input: Self.units, Self.units, Gen.int(in: 0...5)) { cohort, comparison, raise in
            guard let base = MatchedEvaluation.estimate(cohort: cohort, comparison: comparison) else { return }
            let raised = cohort.map { EvaluationUnit(profile: $0.profile, before: $0.before, after: $0.after + raise) }
            let moved = MatchedEvaluation.estimate(cohort: raised, comparison: comparison)!
            #expect(abs(moved.effect - (base.effect + Double(raise))) < 1e-9)
            #expect(abs(moved.standardError - base.standardError) < 1e-9)
        }
    }

    @Test func aComparisonGroupLikeTheCohortShowsNoEffect() async {
        await propertyCheck(count: 200, input: Self.units) { cohort in
            let found = MatchedEvaluation.estimate(cohort: cohort, comparison: cohort)!
            #expect(abs(found.effect) < 1e-9)
            #expect(found.lower <= 0 && 0 <= found.upper)
            #expect(found.unmatchedCohort == 0)
        }
    }

    @Test func theIntervalHoldsTheEffectAndEveryoneIsAccountedFor() async {
        await propertyCheck(count: 300, input: Self.units, Self.units) { cohort, comparison in
            guard let found = MatchedEvaluation.estimate(cohort: cohort, comparison: comparison) else {
                #expect(Set(cohort.map(\.profile)).isDisjoint(with: comparison.map(\.profile)))
                return
            }
            #expect(found.lower <= found.effect && found.effect <= found.upper)
            #expect(found.matchedCohort + found.unmatchedCohort == cohort.count)
            #expect(found.matchedComparison <= comparison.count)
            #expect(abs(found.effect - (found.cohortChange - found.comparisonChange)) < 1e-9)
        }
    }

    @Test func figuresOverFewerThanEightPeopleAreWithheld() async {
        let policy = DisclosurePolicy.standard(for: .board)
        await propertyCheck(count: 300, input: Self.units, Self.units) { cohort, comparison in
            let found = MatchedEvaluation.estimate(cohort: cohort, comparison: comparison)
            let shown = policy.disclose(found)
            let enough = found.map { $0.matchedCohort >= policy.minimumGroup && $0.matchedComparison >= policy.minimumGroup } ?? false
            #expect((shown.withheldBecause == nil) == enough)
            #expect((shown.effect.value != nil) == enough)
            #expect((shown.lower.value != nil) == enough && (shown.upper.value != nil) == enough)
        }
    }

    // MARK: MARAC's two groups

    static let hearing = CalendarDate(parsing: "2025-02-10")!
    static let today = CalendarDate(parsing: "2026-06-01")!

    @Test func victimsNotHeardAreTimedFromAnIncidentPlusTheCohortsWait() {
        let heard = Self.hearing.dayNumber
        let other = CalendarDate(parsing: "2025-01-20")!.dayNumber
        let days: [String: Set<Int>] = [
            "heard": [heard - 10, heard + 30],
            "not-heard": [other, other + 20, other + 400],
        ]
        let cohort = [CohortMember(person: "heard", startedOn: Self.hearing)]
        #expect(CohortComparison.medianWait(cohort, incidentDays: days, days: 182) == 10)
        let quarter = MonthIndex.of(year: 2025, month: 1)
        let (treated, comparison) = CohortComparison.groups(cohort: cohort, incidentDays: days, today: Self.today, days: 182,
                                                             months: quarter...(quarter + 2))
        #expect(treated == [EvaluationUnit(profile: treated.first?.profile ?? "", before: 1, after: 1, period: quarter)])
        // Timed from 20 January plus 10 days: the incident 20 days later is after, the one 400 days later is outside.
        #expect(comparison == [EvaluationUnit(profile: treated.first?.profile ?? "", before: 1, after: 1, period: quarter)])
        #expect(treated.first?.profile.hasPrefix("1 before") == true)
    }

    @Test func startsOutsideTheMonthsOrTooRecentAreLeftOut() {
        let heard = Self.hearing.dayNumber
        let days: [String: Set<Int>] = ["heard": [heard - 10], "recent": [Self.today.dayNumber - 30]]
        let cohort = [CohortMember(person: "heard", startedOn: Self.hearing)]
        let march = MonthIndex.of(year: 2025, month: 3)
        let later = CohortComparison.groups(cohort: cohort, incidentDays: days, today: Self.today, days: 182, months: march...(march + 2))
        #expect(later.cohort.isEmpty)
        let all = CohortComparison.groups(cohort: cohort, incidentDays: days, today: Self.today, days: 182, months: 0...Int.max / 2)
        #expect(all.cohort.count == 1)
        #expect(all.comparison.isEmpty, "an after-window that has not ended is not counted")
        // Heard in October: its own after-window has ended, but not that of someone heard on 31 December.
        let october = CalendarDate(parsing: "2025-10-05")!
        let open = CohortComparison.groups(cohort: [CohortMember(person: "heard", startedOn: october)], incidentDays: ["heard": [october.dayNumber - 3]],
                                           today: CalendarDate(parsing: "2026-05-15")!, days: 182, months: 0...Int.max / 2)
        #expect(open.cohort.isEmpty, "a quarter still filling is not shown, so it cannot be differenced day by day")
    }

    @Test func eachQuarterMustHoldEnoughMatchedPeople() {
        let policy = DisclosurePolicy.standard(for: .board)
        let big = (0..<10).map { _ in EvaluationUnit(profile: "1 before, Q1", before: 1, after: 0, period: 1) }
        let small = (0..<3).map { _ in EvaluationUnit(profile: "1 before, Q2", before: 1, after: 1, period: 4) }
        let others = (0..<10).map { _ in EvaluationUnit(profile: "1 before, Q1", before: 1, after: 1, period: 1) }
            + (0..<10).map { _ in EvaluationUnit(profile: "1 before, Q2", before: 1, after: 1, period: 4) }
        #expect(MatchedEvaluation.smallestPeriodGroup(cohort: big, comparison: others) == 10)
        #expect(MatchedEvaluation.smallestPeriodGroup(cohort: big + small, comparison: others) == 3)
        let both = MatchedEvaluation.estimate(cohort: big + small, comparison: others)
        #expect(policy.disclose(both).withheldBecause == nil, "13 and 20 people in all")
        let checked = policy.disclose(both, smallestPeriodGroup: MatchedEvaluation.smallestPeriodGroup(cohort: big + small, comparison: others))
        #expect(checked.effect.value == nil)
        #expect(checked.withheldBecause?.contains("quarter") == true)
        let alone = policy.disclose(MatchedEvaluation.estimate(cohort: big, comparison: others),
                                    smallestPeriodGroup: MatchedEvaluation.smallestPeriodGroup(cohort: big, comparison: others))
        #expect(alone.effect.value == -1)
    }
}
