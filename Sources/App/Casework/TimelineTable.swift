/// The timeline's rows as HTML, written in Swift rather than a Leaf loop:
/// a family with hundreds of events is the page practitioners open most, and
/// Leaf's interpreter spends several milliseconds on each hundred rows.
/// Every value passes through `HTMLText.escape`.
enum TimelineTable {
    /// A row in two pieces around the member's name, which is the one cell
    /// that depends on the viewer (a name they may not see is withheld).
    struct Row: Sendable {
        var beforeName: String
        var afterName: String

        func html(memberName: String) -> String { beforeName + HTMLText.escape(memberName) + afterName }
    }

    static func row(_ item: HouseholdPage.TimelineItem) -> Row {
        var after = "</td><td>" + HTMLText.escape(item.category) + " <span class=\"hint\">" + HTMLText.escape(item.dataCategory)
        after += "</span></td><td>" + HTMLText.escape(item.role) + "</td><td>" + HTMLText.escape(item.partnerName) + "</td><td>"
        after += HTMLText.escape(item.summary ?? "")
        if item.isOpinion {
            after += " <span class=\"tag opinion\">Professional opinion</span> <span class=\"hint\">Basis: "
                + HTMLText.escape(item.opinionBasis ?? "not given") + "</span>"
        } else {
            after += " <span class=\"tag\">Fact</span>"
        }
        after += " <a class=\"hint\" href=\"" + HTMLText.escape(item.historyPath) + "\">"
            + (item.version > 1 ? "version \(item.version): history" : "history") + "</a></td></tr>\n"
        return Row(beforeName: "<tr><td>" + HTMLText.escape(item.occurredOn) + "</td><td>", afterName: after)
    }

    /// The row with the disputed flag after its details: the person says it
    /// is wrong and its partner has been asked to correct it.
    static func disputed(_ row: Row) -> Row {
        var row = row
        let end = "</td></tr>\n"
        if row.afterName.hasSuffix(end) {
            row.afterName = String(row.afterName.dropLast(end.count)) + " " + disputedTag + end
        }
        return row
    }

    static let disputedTag = "<strong class=\"tag warning disputed\">Disputed by the person: correction asked for</strong>"

    static func rows(_ items: [HouseholdPage.TimelineItem]) -> String {
        items.map { row($0).html(memberName: $0.memberName) }.joined()
    }
}
