@testable import App
import LanternDomain
import Testing

/// The chart's text alternative says in words what the bars show.
@Suite struct TimelineChartTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func theSummaryCountsEachCategoryAndNamesTheBusiestQuarter() {
        let events: [(day: CalendarDate, category: DataCategory)] = [
            (Self.day("2026-02-01"), .crime), (Self.day("2026-02-10"), .crime), (Self.day("2026-03-30"), .education),
            (Self.day("2025-08-01"), .crime), (Self.day("2019-01-01"), .health),  // before the five years: not counted
        ]
        let svg = TimelineChart.svg(events: events, through: Self.day("2026-11-30"))
        let summary = "4 events in the last 5 years: 3 crime, 1 education. "
            + "The busiest quarter was 2026 Q1, with 3. The table below lists each event."
        #expect(svg.contains(#"<desc id="chart-summary">\#(summary)</desc>"#))
        #expect(svg.contains(#"aria-labelledby="chart-title chart-summary""#))
    }

    @Test func anEmptyChartSaysSo() {
        let svg = TimelineChart.svg(events: [], through: Self.day("2026-11-30"))
        #expect(svg.contains(#"<desc id="chart-summary">No events in the last 5 years.</desc>"#))
    }
}
