import Foundation
import LanternDomain

/// A server-rendered SVG bar chart of events by data category, quarter by
/// quarter, drawn above the timeline. Text in it is escaped; it holds counts
/// and category names only.
enum TimelineChart {
    static let colours: [DataCategory: String] = [
        .asb: "#7f3f98", .crime: "#d4351c", .domesticAbuse: "#b1004f", .exploitation: "#f47738",
        .socialCare: "#1d70b8", .health: "#00703c", .housing: "#5694ca", .education: "#85994b",
        .probation: "#505a5f", .fire: "#912b88", .financial: "#b58840", .identity: "#0b0c0c", .involvement: "#0b0c0c",
    ]

    /// The chart in words: how many events of each category, and the busiest
    /// quarter. `counts` runs oldest quarter first, ending at `endQuarter`
    /// (year * 4 + quarter index).
    static func summary(counts: [[DataCategory: Int]], endQuarter: Int) -> String {
        let years = counts.count / 4
        let total = counts.reduce(0) { $0 + $1.values.reduce(0, +) }
        guard total > 0 else { return "No events in the last \(years) years." }
        var byCategory: [DataCategory: Int] = [:]
        for quarter in counts { for (category, count) in quarter { byCategory[category, default: 0] += count } }
        let parts = DataCategory.allCases.compactMap { category in byCategory[category].map { (category, $0) } }
            .sorted { $0.1 > $1.1 }.map { "\($0.1) \($0.0.label.lowercased())" }
        let totals = counts.map { $0.values.reduce(0, +) }
        let busiest = totals.indices.max { totals[$0] < totals[$1] || (totals[$0] == totals[$1] && $0 > $1) }!
        let quarter = endQuarter - (counts.count - 1 - busiest)
        return "\(total) \(total == 1 ? "event" : "events") in the last \(years) years: \(parts.joined(separator: ", ")). "
            + "The busiest quarter was \(quarter / 4) Q\(quarter % 4 + 1), with \(totals[busiest]). The table below lists each event."
    }

    static func svg(events: [(day: CalendarDate, category: DataCategory)], through today: CalendarDate, quarters: Int = 20) -> String {
        let width = 720, height = 200, left = 30, bottom = 24, top = 10
        let endQuarter = today.year * 4 + (today.month - 1) / 3
        var counts = [[DataCategory: Int]](repeating: [:], count: quarters)
        for event in events {
            let index = quarters - 1 - (endQuarter - (event.day.year * 4 + (event.day.month - 1) / 3))
            guard (0..<quarters).contains(index) else { continue }
            counts[index][event.category, default: 0] += 1
        }
        let tallest = max(1, counts.map { $0.values.reduce(0, +) }.max() ?? 1)
        let barWidth = (width - left) / quarters
        let plotHeight = height - bottom - top
        var parts: [String] = []
        // The picture's text alternative: its title and a summary in words
        // (WCAG 1.1.1); the table beside it lists every event.
        parts.append(##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(width) \##(height + 40)" role="img" aria-labelledby="chart-title chart-summary" class="timeline-chart">"##)
        parts.append(##"<title id="chart-title">Events by category for each quarter of the last \##(quarters / 4) years</title>"##)
        parts.append(##"<desc id="chart-summary">\##(HTMLText.escape(summary(counts: counts, endQuarter: endQuarter)))</desc>"##)
        parts.append(##"<line x1="\##(left)" y1="\##(top + plotHeight)" x2="\##(width)" y2="\##(top + plotHeight)" stroke="#505a5f"/>"##)
        parts.append(##"<text x="0" y="\##(top + 10)" font-size="11">\##(tallest)</text>"##)
        for (index, quarter) in counts.enumerated() {
            var y = top + plotHeight
            let x = left + index * barWidth + 2
            for category in DataCategory.allCases {
                guard let count = quarter[category], count > 0 else { continue }
                let barHeight = max(1, count * plotHeight / tallest)
                y -= barHeight
                parts.append(##"<rect x="\##(x)" y="\##(y)" width="\##(barWidth - 4)" height="\##(barHeight)" fill="\##(colours[category] ?? "#0b0c0c")"><title>\##(HTMLText.escape(category.label)): \##(count)</title></rect>"##)
            }
            if index % 4 == 0 {
                let quarterNumber = endQuarter - (quarters - 1 - index)
                parts.append(##"<text x="\##(x)" y="\##(height - 8)" font-size="11">\##(quarterNumber / 4)</text>"##)
            }
        }
        let used = DataCategory.allCases.filter { category in counts.contains { $0[category] != nil } }
        for (index, category) in used.enumerated() {
            let x = left + (index % 4) * 170, y = height + 4 + (index / 4) * 16
            parts.append(##"<rect x="\##(x)" y="\##(y)" width="10" height="10" fill="\##(colours[category] ?? "#0b0c0c")"/><text x="\##(x + 14)" y="\##(y + 9)" font-size="11">\##(HTMLText.escape(category.label))</text>"##)
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
