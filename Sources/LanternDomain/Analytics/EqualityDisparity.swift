/// A group whose listing rate under a set of need rules stands apart from
/// the whole's: the rules may treat that group unequally.
///
/// Use ``flags(rows:total:ratio:policy:)`` on a released equality table,
/// before a rules version is saved. Contract: rates are worked out from the
/// released (rounded) figures only, as every published rate is; a group whose
/// figures are suppressed, or with no one in it, is not judged (too few to
/// say); a group is flagged when its rate is more than `ratio` times the
/// whole's, or less than the whole's divided by `ratio` (with a ratio of 1.25
/// this is the "four-fifths" test used in equality monitoring).
public struct EqualityDisparity: Sendable, Hashable {
    public var group: String
    /// Percent of the group's people in listed households.
    public var rate: Double
    /// The same for everyone.
    public var overall: Double

    public var isHigher: Bool { rate > overall }

    public var description: String {
        let word = isHigher ? "higher" : "lower"
        return "\(group): \(Self.percent(rate)) listed against \(Self.percent(overall)) of everyone, \(word) by a factor of \(Self.factor(isHigher ? rate / overall : overall / max(rate, 1e-9)))"
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func factor(_ value: Double) -> String {
        guard value.isFinite else { return "more than 100" }
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// The groups of `rows` (label, people, people in listed households) that stand apart from `total`.
    public static func flags(rows: [(label: String, people: DisclosedCount, listed: DisclosedCount)],
                             total: (people: DisclosedCount, listed: DisclosedCount), ratio: Double, policy: DisclosurePolicy) -> [EqualityDisparity] {
        guard ratio > 1, let overall = policy.rate(total.listed, over: total.people).value, overall > 0 else { return [] }
        return rows.compactMap { row in
            guard let rate = policy.rate(row.listed, over: row.people).value else { return nil }
            guard rate > overall * ratio || rate * ratio < overall else { return nil }
            return EqualityDisparity(group: row.label, rate: rate, overall: overall)
        }
    }
}
