@testable import App
import LanternDomain
import Testing

/// The evaluation report's matched comparison: what the board reads, and
/// that it is held back when a quarter is too small to show a mean.
@Suite struct MatchedEvaluationReportTests {
    static let thisMonth = MonthIndex.of(year: 2026, month: 6)
    static let today = CalendarDate(parsing: "2026-06-15")!

    /// `heard` victims heard in February 2025, each with an incident 10 days
    /// before and, for every other one, an incident 60 days after; 40 victims
    /// never heard with an incident in January 2025 and another 60 days later.
    static func facts(heard: Int) -> BoardFacts {
        let hearing = CalendarDate(parsing: "2025-02-10")!.dayNumber
        let january = CalendarDate(parsing: "2025-01-12")!.dayNumber
        var facts = BoardFacts(seq: 0, peopleSeq: 0, incidentsOf: [:], households: [], maracCases: [], caseReviews: [])
        for i in 0..<heard {
            facts.cohort.append(CohortMember(person: "heard-\(i)", startedOn: CalendarDate(dayNumber: hearing)))
            facts.counts.incidentDays["heard-\(i)"] = i % 2 == 0 ? [hearing - 10] : [hearing - 10, hearing + 60]
        }
        for i in 0..<40 { facts.counts.incidentDays["other-\(i)"] = [january + i % 5, january + i % 5 + 60] }
        return facts
    }

    static func draft(heard: Int) throws -> BoardDraft {
        let places = EventAtoms(atoms: [])
        let request = try ReportRequest(ReportQuery(from: "2025-01", to: "2025-03"), atoms: places, thisMonth: thisMonth)
        var tables = BoardTables(request: request, facts: facts(heard: heard), places: places, thisMonth: thisMonth)
        tables.today = today
        return try tables.draft(.evaluation)
    }

    @Test func theBoardReadsTheEffectWithItsInterval() throws {
        let draft = try Self.draft(heard: 20)
        let effect = try #require(draft.effect)
        #expect(effect.withheldBecause == nil)
        // Heard: changes of -1 and 0, half each (mean -0.5, sample variance 20/76); not heard: 0 each.
        #expect(effect.effect == "-0.5")
        let error = (20.0 / 76 / 20).squareRoot()
        #expect(effect.lower == DisclosedFigure.shown(-0.5 - MatchedEvaluation.z95 * error).description)
        #expect(effect.upper == DisclosedFigure.shown(-0.5 + MatchedEvaluation.z95 * error).description)
        #expect(effect.matchedCohort == "20" && effect.matchedComparison == "40" && effect.unmatchedCohort == "0")
        for candidate in draft.candidates {
            #expect(candidate.notes.contains { $0.contains("Effect -0.5 incidents per person (95% confidence interval") },
                    "the effect is in the release, so the ledger's hash covers it")
        }
    }

    @Test func aSmallCohortGetsNoEffectAndNoSmallGroupSize() throws {
        let draft = try Self.draft(heard: 5)
        let effect = try #require(draft.effect)
        #expect(effect.withheldBecause?.contains("fewer than 8") == true)
        #expect(effect.effect == "*" && effect.lower == "*" && effect.upper == "*")
        #expect(effect.matchedCohort == "*", "5 is shown as *, never as itself")
        #expect(draft.candidates.allSatisfy { $0.notes.contains { $0.hasPrefix("Matched comparison: not shown") } })
    }
}
