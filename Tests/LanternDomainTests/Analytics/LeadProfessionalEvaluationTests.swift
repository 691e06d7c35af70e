import LanternDomain
import Testing

/// What the lead professional evaluation counts as an outcome and matches on.
@Suite struct LeadProfessionalEvaluationTests {
    static func event(_ day: Int, _ category: EventCategory, police: Bool = false) -> FamilyRecordEvent {
        FamilyRecordEvent(day: day, category: category, byPolice: police)
    }

    @Test func outcomesAreCallOutsMissingEpisodesAndExclusions() {
        let events = ["h": [Self.event(10, .asb, police: true), Self.event(11, .missingEpisode), Self.event(12, .exclusion),
                            Self.event(13, .rentArrears), Self.event(13, .exclusion)],
                      "quiet": [Self.event(5, .rentArrears)]]
        #expect(LeadProfessionalEvaluation.outcomeDays(events) == ["h": [10, 11, 12, 13]])
    }

    @Test func theNeedProfileIsTheKindsOfRecordInTheWindowBefore() {
        let events = [Self.event(100, .exclusion), Self.event(150, .asb, police: true), Self.event(150, .violence, police: true),
                      Self.event(200, .rentArrears), Self.event(10, .mentalHealth)]
        #expect(LeadProfessionalEvaluation.needProfile(events, before: 200, days: 182) == "needs asb+crime+education")
        #expect(LeadProfessionalEvaluation.needProfile(events, before: 50, days: 30) == "no recorded needs")
    }

    @Test func householdsWithOtherNeedsAreNotCompared() throws {
        let start = CalendarDate(parsing: "2025-02-10")!
        let day = start.dayNumber
        let events = ["given": [Self.event(day - 20, .asb, police: true)],
                      "like": [Self.event(day - 30, .asb, police: true)],
                      "unlike": [Self.event(day - 30, .asb, police: true), Self.event(day - 31, .rentArrears)]]
        let quarter = MonthIndex.of(year: 2025, month: 1)
        let (cohort, comparison) = LeadProfessionalEvaluation.groups(starts: ["given": start], events: events,
                                                                     today: CalendarDate(parsing: "2026-06-01")!, days: 182,
                                                                     months: quarter...(quarter + 2))
        #expect(cohort.count == 1 && comparison.count == 2)
        #expect(comparison.filter { $0.profile == cohort[0].profile }.count == 1, "only the household with the same needs is matched")
        let estimate = try #require(MatchedEvaluation.estimate(cohort: cohort, comparison: comparison))
        #expect(estimate.matchedComparison == 1)
    }
}
