import LanternDomain
import Storage

/// The event aggregates in memory, at the finest level reports use: postcode
/// sector, month, category and partner. Every report cell is a sum of these,
/// and the differencing guard asks them for the true count of any scope.
///
/// Contract: counts of events, never of people; an event with no usable
/// postcode or date is in no sector (it counts only in partnership-wide cells
/// through the `unplaced` sector).
struct EventAtoms: CountOracle {
    struct Atom: Sendable, Hashable {
        var sector: String
        var month: Int
        var category: String
        var partner: String
    }

    static let unplaced = "(no postcode)"

    private(set) var counts: [Atom: Int] = [:]
    /// The atoms of each month: a cell reads only its own months.
    private var byMonth: [Int: [(atom: Atom, count: Int)]] = [:]
    /// Sector -> its postcode district.
    private(set) var districtOf: [String: String] = [:]
    private(set) var months: ClosedRange<Int>?

    init(rows: [EventAggregateRow]) {
        add(rows)
        index()
    }

    /// These atoms with signed changes added (an import's new versions less
    /// the versions they replaced), re-indexed: the cost follows the number
    /// of atoms, never the number of events.
    func applying(_ changes: [EventAggregateRow]) -> EventAtoms {
        var changed = self
        changed.add(changes)
        changed.counts = changed.counts.filter { $0.value != 0 }
        changed.months = nil
        for atom in changed.counts.keys { changed.months = changed.months.map { min($0.lowerBound, atom.month)...max($0.upperBound, atom.month) } ?? atom.month...atom.month }
        changed.byMonth = [:]
        changed.sectorsOf = [:]
        changed.index()
        return changed
    }

    private mutating func add(_ rows: [EventAggregateRow]) {
        for row in rows {
            let parts = row.month.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { continue }
            let index = MonthIndex.of(year: year, month: month)
            let sector: String
            if let postcode = Postcode(row.postcode) {
                sector = postcode.sector
                districtOf[sector] = postcode.district
            } else {
                sector = Self.unplaced
            }
            counts[Atom(sector: sector, month: index, category: row.category, partner: row.partner), default: 0] += row.count
            months = months.map { min($0.lowerBound, index)...max($0.upperBound, index) } ?? index...index
        }
    }

    private mutating func index() {
        for (atom, count) in counts { byMonth[atom.month, default: []].append((atom, count)) }
        sectors = Array(Set(counts.keys.map(\.sector))).sorted()
        partners = Array(Set(counts.keys.map(\.partner))).sorted()
        districts = Array(Set(districtOf.values)).sorted()
        for (sector, district) in districtOf { sectorsOf[district, default: []].append(sector) }
        for district in sectorsOf.keys { sectorsOf[district]?.sort() }
    }

    // Listed once when built: reports ask for them for every cell.
    private(set) var sectors: [String] = []
    private(set) var districts: [String] = []
    private(set) var partners: [String] = []
    private var sectorsOf: [String: [String]] = [:]

    func sectors(in district: String) -> [String] { sectorsOf[district] ?? [] }

    /// The true count of events in `scope` (the guard's oracle and the tables' source).
    func count(_ scope: CellScope) -> Int {
        var total = 0
        for month in scope.months {
            for (atom, n) in byMonth[month] ?? [] where scope.areas.contains(atom.sector)
                && scope.categories.contains(atom.category) && scope.partners.contains(atom.partner) {
                total += n
            }
        }
        return total
    }
}
