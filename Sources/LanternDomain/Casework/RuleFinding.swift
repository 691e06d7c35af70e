/// What one need rule found in one household: the events that counted and
/// whether there were enough of them for the rule to fire.
///
/// Produced by ``CaseFinding/assess(_:on:)`` for every rule that counted at
/// least one event, so a page can show near misses too. Contract: `events` are
/// newest first (ties by event id); `fired` is `events.count >= minimumCount`.
public struct RuleFinding: Sendable, Hashable, Codable {
    public var ruleID: String
    public var need: FamilyNeed
    public var lookBackDays: Int
    public var minimumCount: Int
    public var events: [HouseholdEvent]

    public init(ruleID: String, need: FamilyNeed, lookBackDays: Int, minimumCount: Int, events: [HouseholdEvent]) {
        self.ruleID = ruleID
        self.need = need
        self.lookBackDays = lookBackDays
        self.minimumCount = minimumCount
        self.events = events
    }

    public var fired: Bool { events.count >= minimumCount }

    /// The newest event that counted.
    public var latest: HouseholdEvent? { events.first }

    /// The partners whose events counted, in alphabetical order.
    public var partners: [String] { Set(events.map(\.partner)).sorted() }

    /// The evidence in a practitioner's words:
    /// "2 missing episodes in the last 90 days (Harrowmere Police)", or, for a
    /// rule that did not fire, "... ; 2 needed".
    public var summary: String {
        var counts: [(EventCategory, Int)] = []
        for event in events {
            if let index = counts.firstIndex(where: { $0.0 == event.category }) {
                counts[index].1 += 1
            } else {
                counts.append((event.category, 1))
            }
        }
        let window = "in the last \(lookBackDays) days"
        var text: String
        if counts.count == 1 {
            text = "\(counts[0].0.counted(counts[0].1)) \(window)"
        } else {
            let parts = counts.map { $0.0.counted($0.1) }.joined(separator: ", ")
            text = "\(events.count) events \(window): \(parts)"
        }
        text += " (\(partners.joined(separator: ", ")))"
        if !fired { text += "; \(minimumCount) needed" }
        return text
    }

    /// Newest first, then by event id, so evidence reads the same every time.
    static func newestFirst(_ a: HouseholdEvent, _ b: HouseholdEvent) -> Bool {
        a.occurredOn != b.occurredOn ? a.occurredOn > b.occurredOn : a.eventID < b.eventID
    }
}
