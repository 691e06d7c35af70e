/// The MATAC list: people ranked by their score, proposed to the panel.
///
/// The list only proposes; the panel selects, each decision with its reason
/// (``MatacDecision``): automated decision-making is not what partners'
/// privacy notices allow. Contract: ranked by total, then the more recent
/// latest event, then serial perpetrators first, then person id, so the
/// same data always gives the same order; people with nothing counted are left off.
public enum MatacList {
    public struct Entry: Sendable, Hashable {
        public var person: String
        public var score: MatacScore
        public init(person: String, score: MatacScore) { self.person = person; self.score = score }
    }

    public static func propose(_ events: [String: [MatacEvent]], weights: MatacWeights, on day: CalendarDate,
                               limit: Int) -> [Entry] {
        let entries = events.map { Entry(person: $0.key, score: MatacScore(events: $0.value, weights: weights, on: day)) }
            .filter { $0.score.countedEvents > 0 }
        return Array(entries.sorted(by: ranksAbove).prefix(max(0, limit)))
    }

    static func ranksAbove(_ a: Entry, _ b: Entry) -> Bool {
        if a.score.total != b.score.total { return a.score.total > b.score.total }
        let aLatest = a.score.latestEvent?.dayNumber ?? Int.min, bLatest = b.score.latestEvent?.dayNumber ?? Int.min
        if aLatest != bLatest { return aLatest > bLatest }
        if a.score.isSerial != b.score.isSerial { return a.score.isSerial }
        return a.person < b.person
    }
}
