/// A household's case-finding score with its explanation, line by line.
///
/// Use it to rank the case-finding list and to show a reviewer why a family
/// is on it. It ranks a list for a person; it never decides (the privacy
/// notices: "profiling and automated decision making: not applicable").
/// Contract: `total` is the sum of the lines' points and is never negative;
/// the lines read like "safe from domestic abuse +3 (domestic abuse incident
/// 12 days ago)" and "known to 4 partners +2".
public struct CaseFindingScore: Sendable, Hashable, Codable {
    /// One reason for points.
    public struct Line: Sendable, Hashable, Codable, CustomStringConvertible {
        public enum Reason: Sendable, Hashable, Codable {
            /// An indicated need, with its newest evidence and how old it was.
            case need(FamilyNeed, latest: EventCategory, daysAgo: Int)
            /// How recent the newest evidence across all indicated needs is.
            case recency(daysAgo: Int)
            /// How many distinct partners recorded the evidence.
            case partners(count: Int)
        }

        public var reason: Reason
        public var points: Int

        public init(reason: Reason, points: Int) {
            self.reason = reason
            self.points = points
        }

        public var description: String {
            switch reason {
            case .need(let need, let latest, let daysAgo):
                "\(need.shortName) +\(points) (\(latest.evidenceName) \(Self.ago(daysAgo)))"
            case .recency(let daysAgo):
                "latest evidence \(Self.ago(daysAgo)) +\(points)"
            case .partners(let count):
                "known to \(count) partners +\(points)"
            }
        }

        static func ago(_ days: Int) -> String {
            switch days {
            case 0: "today"
            case 1: "1 day ago"
            default: "\(days) days ago"
            }
        }
    }

    public var householdID: String
    public var ruleSetVersion: Int
    public var total: Int
    public var lines: [Line]
    /// Day of the newest evidence behind the score; nil when no need is indicated.
    public var latestEvidenceOn: CalendarDate?

    public init(householdID: String, ruleSetVersion: Int, lines: [Line], latestEvidenceOn: CalendarDate?) {
        self.householdID = householdID
        self.ruleSetVersion = ruleSetVersion
        self.lines = lines
        self.total = lines.reduce(0) { $0 + $1.points }
        self.latestEvidenceOn = latestEvidenceOn
    }

    /// The explanation, one line per reason.
    public var explanation: [String] { lines.map(\.description) }
}
