/// The people or events one released cell counts, named at the finest level
/// Lantern keeps: the measure, the postcode sectors, the months, the event
/// categories and the partners. A cell counts whatever falls in all of them.
///
/// Use it so the ``DifferencingGuard`` can see which cells overlap. Contract:
/// every set lists finest-level values explicitly ("all areas" is the list of
/// every sector), so two scopes compare by plain set operations; cells with
/// different measures never combine.
public struct CellScope: Sendable, Hashable, Codable {
    /// What is counted, e.g. "events" or "victims".
    public var measure: String
    /// Postcode sectors, e.g. "LN1 4".
    public var areas: Set<String>
    /// Months as `year * 12 + month - 1`.
    public var months: Set<Int>
    /// Event category codes.
    public var categories: Set<String>
    /// Partner slugs.
    public var partners: Set<String>

    public init(measure: String, areas: Set<String>, months: Set<Int>, categories: Set<String>, partners: Set<String>) {
        self.measure = measure
        self.areas = areas
        self.months = months
        self.categories = categories
        self.partners = partners
    }

    /// Whether anything could be counted by both.
    public func overlaps(_ other: CellScope) -> Bool {
        measure == other.measure && !areas.isDisjoint(with: other.areas) && !months.isDisjoint(with: other.months)
            && !categories.isDisjoint(with: other.categories) && !partners.isDisjoint(with: other.partners)
    }

    /// The smallest scope holding both (exact when they differ in one dimension only, as a table's rows do).
    public func spanning(_ other: CellScope) -> CellScope {
        CellScope(measure: measure, areas: areas.union(other.areas), months: months.union(other.months),
                  categories: categories.union(other.categories), partners: partners.union(other.partners))
    }

    /// Whether everything this scope counts is also counted by `outer`.
    public func isInside(_ outer: CellScope) -> Bool {
        measure == outer.measure && areas.isSubset(of: outer.areas) && months.isSubset(of: outer.months)
            && categories.isSubset(of: outer.categories) && partners.isSubset(of: outer.partners)
    }

    /// Whether this scope has nothing in it.
    public var isEmpty: Bool { areas.isEmpty || months.isEmpty || categories.isEmpty || partners.isEmpty }
}

/// A month as the index used in ``CellScope/months``.
public enum MonthIndex {
    public static func of(year: Int, month: Int) -> Int { year * 12 + month - 1 }
    public static func year(_ index: Int) -> Int { index / 12 }
    public static func month(_ index: Int) -> Int { index % 12 + 1 }

    /// The first month of the period of `level` holding `index`.
    public static func start(of index: Int, level: PeriodLevel) -> Int { index - index % 12 % level.months }

    /// "2026-03", "2026 Q1" or "2026": how a period is named in tables and requests.
    public static func label(_ start: Int, level: PeriodLevel) -> String {
        let month = MonthIndex.month(start)
        switch level {
        case .month: return "\(year(start))-\(month < 10 ? "0" : "")\(month)"
        case .quarter: return "\(year(start)) Q\((month - 1) / 3 + 1)"
        case .year: return "\(year(start))"
        }
    }
}
