/// A count as it may be released: zero, suppressed, or rounded.
///
/// Make one with ``DisclosurePolicy/disclose(_:)``; never from a raw count
/// directly. Contract: a released value is 0, `*`, or a multiple of the
/// policy's rounding base no smaller than that base.
public enum DisclosedCount: Sendable, Hashable, Codable, CustomStringConvertible {
    case zero
    case suppressed
    case rounded(Int)

    /// The figure shown, or nil when it is held back.
    public var shown: Int? {
        switch self {
        case .zero: 0
        case .suppressed: nil
        case .rounded(let value): value
        }
    }

    /// `0`, `*` or the rounded figure: how it reads in every table and CSV.
    public var description: String { shown.map(String.init) ?? "*" }
}

/// A mean, median or rate as it may be released, or why it is held back.
public enum DisclosedFigure: Sendable, Hashable, Codable, CustomStringConvertible {
    case shown(Double)
    /// Based on too few people, or on a suppressed count.
    case withheld(String)
    /// A rate over nobody.
    case notApplicable

    public var value: Double? {
        if case .shown(let value) = self { return value }
        return nil
    }

    /// One decimal place, `*` when withheld, `-` when over nobody.
    public var description: String {
        switch self {
        case .shown(let value):
            let tenths = (value * 10).rounded()
            return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
        case .withheld: return "*"
        case .notApplicable: return "-"
        }
    }
}

extension DisclosurePolicy {
    /// The count rule: 0 stays 0, 1 to `largestSuppressed` becomes `*`, any
    /// other count is rounded to the nearest `roundingBase` (halves up).
    public func disclose(_ count: Int) -> DisclosedCount {
        precondition(count >= 0, "counts are never negative")
        if count == 0 { return .zero }
        if count <= largestSuppressed { return .suppressed }
        let rounded = (count + roundingBase / 2) / roundingBase * roundingBase
        // A base above the threshold could round a shown count down to 0; keep it visible as the base.
        return .rounded(max(rounded, roundingBase))
    }

    /// A total: summed from the unrounded parts, then put through the count rule.
    public func discloseTotal(of parts: some Sequence<Int>) -> DisclosedCount {
        disclose(parts.reduce(0, +))
    }

    /// A mean of per-person values, shown only over `minimumGroup` or more people.
    public func discloseMean(of values: [Double]) -> DisclosedFigure {
        guard values.count >= minimumGroup else { return .withheld("fewer than \(minimumGroup) people") }
        return .shown(values.reduce(0, +) / Double(values.count))
    }

    /// A median of per-person values, shown only over `minimumGroup` or more people.
    public func discloseMedian(of values: [Double]) -> DisclosedFigure {
        guard values.count >= minimumGroup else { return .withheld("fewer than \(minimumGroup) people") }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return .shown(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
    }

    /// A rate per `per` computed from the released (rounded) figures, so that
    /// no one can work back from it to an unrounded count.
    public func rate(_ numerator: DisclosedCount, over denominator: DisclosedCount, per: Double = 100) -> DisclosedFigure {
        guard let top = numerator.shown, let bottom = denominator.shown else { return .withheld("a count in it is suppressed") }
        guard bottom > 0 else { return .notApplicable }
        return .shown(Double(top) / Double(bottom) * per)
    }
}
