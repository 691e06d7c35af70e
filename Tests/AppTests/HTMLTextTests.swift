@testable import App
import Foundation
import PropertyBased
import Testing

/// The timeline is written in Swift, not Leaf, so its escaping is ours to prove.
@Suite struct HTMLTextTests {
    static let hostile = Gen.oneOf(Gen.letterOrNumber.string(of: 0...8), Gen.always("<script>alert(1)</script>"),
                                   Gen.always("\" onmouseover=\"x"), Gen.always("'&amp;'"), Gen.always("é ü ✓"), Gen.always(">"))

    @Test func escapedTextHasNoMarkupAndReadsBackTheSame() async {
        await propertyCheck(input: Self.hostile.array(of: 1...5)) { parts in
            let text = parts.joined()
            let escaped = HTMLText.escape(text)
            #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"))
            let unescaped = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            #expect(unescaped == text)
        }
    }

    @Test func aPathSegmentCannotLeaveItsSegment() async {
        await propertyCheck(input: Self.hostile.array(of: 1...4)) { parts in
            let segment = HTMLText.pathSegment(parts.joined(separator: "/?#"))
            #expect(!segment.contains("/") && !segment.contains("?") && !segment.contains("#") && !segment.contains("\""))
            #expect(segment.removingPercentEncoding == parts.joined(separator: "/?#"))
        }
        #expect(RecordPath.history(of: .events, partner: "harrowmere-police", record: "OCC/1 2")
                == "/events/harrowmere-police/OCC%2F1%202/history")
    }

    @Test func aTimelineRowEscapesEveryPartnerSuppliedValue() {
        let item = HouseholdPage.TimelineItem(
            occurredOn: "2026-01-02", memberName: "<b>Jo</b>", partnerName: "Police & Co", category: "ASB",
            dataCategory: "asb", role: "subject", summary: "<img src=x onerror=alert(1)>", isOpinion: true,
            opinionBasis: "\"quoted\"", version: 3, historyPath: RecordPath.history(of: .events, partner: "p", record: "E\"1"))
        let html = TimelineTable.rows([item])
        #expect(!html.contains("<img") && !html.contains("<b>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;") && html.contains("Police &amp; Co"))
        #expect(html.contains("Basis: &quot;quoted&quot;") && html.contains("version 3: history"))
        #expect(html.contains(#"href="/events/p/E%221/history""#))
    }
}
