/// Anything that can give the true, unrounded count of a ``CellScope``: the
/// differencing guard's oracle.
///
/// Contract: additive over disjoint scopes of one measure, and 0 for a
/// measure it does not hold.
public protocol CountOracle: Sendable {
    func count(_ scope: CellScope) -> Int
}

/// Counts of units (victims, households, cases) at the finest level a report
/// uses, each unit placed in exactly one atom per measure, so that every
/// cell is a sum of atoms and the guard can ask for any scope.
///
/// Use it for reports that count people or cases rather than events. A unit
/// that could fall in several periods or areas is placed by a fixed rule (its
/// first incident in the period, its household's address) and the rule is
/// named in the measure, so releases placed by different rules never combine.
public struct CountAtoms: CountOracle, Sendable, Hashable {
    public struct Atom: Sendable, Hashable {
        public var measure: String
        public var area: String
        public var month: Int
        public var category: String
        public var partner: String

        public init(measure: String, area: String, month: Int, category: String, partner: String = CountAtoms.anyPartner) {
            self.measure = measure
            self.area = area
            self.month = month
            self.category = category
            self.partner = partner
        }
    }

    /// The partner of units not split by partner.
    public static let anyPartner = "all"

    /// Measure -> month -> atoms: a cell reads only its own months.
    private var byMeasure: [String: [Int: [Atom: Int]]] = [:]

    public init() {}

    /// Counts `count` more units in `atom`.
    public mutating func add(_ atom: Atom, count: Int = 1) {
        byMeasure[atom.measure, default: [:]][atom.month, default: [:]][atom, default: 0] += count
    }

    /// Every atom of `measure` with its count.
    public func atoms(of measure: String) -> [Atom: Int] {
        (byMeasure[measure] ?? [:]).values.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
    }

    /// Areas, categories and partners used by `measure`'s atoms.
    public func areas(of measure: String) -> Set<String> { Set(atoms(of: measure).keys.map(\.area)) }
    public func categories(of measure: String) -> Set<String> { Set(atoms(of: measure).keys.map(\.category)) }
    public func partners(of measure: String) -> Set<String> { Set(atoms(of: measure).keys.map(\.partner)) }

    public func count(_ scope: CellScope) -> Int {
        guard let months = byMeasure[scope.measure] else { return 0 }
        var total = 0
        for (month, atoms) in months where scope.months.contains(month) {
            for (atom, n) in atoms where scope.areas.contains(atom.area) && scope.categories.contains(atom.category)
                && scope.partners.contains(atom.partner) {
                total += n
            }
        }
        return total
    }

    /// Every atom of both.
    public func merged(with other: CountAtoms) -> CountAtoms {
        var result = self
        for (_, months) in other.byMeasure { for (_, atoms) in months { for (atom, n) in atoms { result.add(atom, count: n) } } }
        return result
    }

    /// Every atom moved to `month`: for counts made "as at" one month and read as at another.
    public func placed(inMonth month: Int) -> CountAtoms {
        var result = CountAtoms()
        for (_, months) in byMeasure {
            for (_, atoms) in months {
                for (atom, n) in atoms {
                    var moved = atom
                    moved.month = month
                    result.add(moved, count: n)
                }
            }
        }
        return result
    }
}
