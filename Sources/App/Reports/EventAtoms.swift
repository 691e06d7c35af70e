import Foundation
import LanternDomain
import Storage

/// The event aggregates in memory, at the finest level reports use: postcode
/// sector, month, category and partner. Every report cell is a sum of these,
/// and the differencing guard asks them for the true count of any scope.
///
/// Contract: counts of events, never of people; an event with no usable
/// postcode or date is in no sector (it counts only in partnership-wide cells
/// through the `unplaced` sector). A count costs the same however many events
/// the store holds: the cells are a dense cube per month, with totals kept per
/// district and for the whole partnership (by category, by partner and
/// overall), so a district or partnership cell reads one rolled-up figure per
/// month instead of summing its sectors' cells.
struct EventAtoms: CountOracle {
    struct Atom: Sendable, Hashable {
        var sector: String
        var month: Int
        var category: String
        var partner: String
    }

    static let unplaced = "(no postcode)"

    // Listed once when built: reports ask for them for every cell.
    private(set) var sectors: [String] = []
    private(set) var districts: [String] = []
    private(set) var partners: [String] = []
    /// Sector -> its postcode district.
    private(set) var districtOf: [String: String] = [:]
    private(set) var months: ClosedRange<Int>?
    private var sectorsOf: [String: [String]] = [:]

    private var categories: [String] = []
    private var sectorIndex: [String: Int] = [:]
    private var categoryIndex: [String: Int] = [:]
    private var partnerIndex: [String: Int] = [:]
    /// The group of each sector's district (groups: sectors, then districts, then the partnership).
    private var districtGroupOf: [Int] = []
    private var cubes: [Int: MonthCube] = [:]

    /// One month's counts for every group (sector, district, partnership):
    /// by category and partner, by category, by partner, and in all.
    struct MonthCube: Sendable {
        var full: [Int32]
        var byCategory: [Int32]
        var byPartner: [Int32]
        var total: [Int32]

        init(groups: Int, categories: Int, partners: Int) {
            full = Array(repeating: 0, count: groups * categories * partners)
            byCategory = Array(repeating: 0, count: groups * categories)
            byPartner = Array(repeating: 0, count: groups * partners)
            total = Array(repeating: 0, count: groups)
        }
    }

    init(rows: [EventAggregateRow]) {
        self.init(atoms: rows.compactMap(Self.atom))
    }

    init(atoms: [(atom: Atom, count: Int, district: String?)]) {
        var live: [Atom: Int] = [:]
        var districtOf: [String: String] = [:]
        for (atom, count, district) in atoms {
            live[atom, default: 0] += count
            if let district { districtOf[atom.sector] = district }
        }
        live = live.filter { $0.value != 0 }
        sectors = Array(Set(live.keys.map(\.sector))).sorted()
        partners = Array(Set(live.keys.map(\.partner))).sorted()
        categories = Array(Set(live.keys.map(\.category))).sorted()
        let counted = Set(sectors)
        self.districtOf = districtOf.filter { counted.contains($0.key) }
        districts = Array(Set(self.districtOf.values)).sorted()
        for (sector, district) in self.districtOf { sectorsOf[district, default: []].append(sector) }
        for district in sectorsOf.keys { sectorsOf[district]?.sort() }
        sectorIndex = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1, $0) })
        categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        partnerIndex = Dictionary(uniqueKeysWithValues: partners.enumerated().map { ($1, $0) })
        let districtIndex = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1, $0) })
        districtGroupOf = sectors.map { sector in self.districtOf[sector].flatMap { districtIndex[$0] }.map { sectors.count + $0 } ?? -1 }
        for (atom, count) in live { add(atom, count) }
        months = cubes.keys.min().map { $0...cubes.keys.max()! }
    }

    /// Rows summed into atoms as a query streams them, so the rows are never all held.
    final class Tally: @unchecked Sendable {
        // @unchecked: `counts` and `districts` are only touched while holding `lock`.
        private let lock = NSLock()
        private var counts: [Atom: Int] = [:]
        private var districts: [String: String] = [:]

        func add(_ row: EventAggregateRow) {
            guard let found = EventAtoms.atom(row) else { return }
            lock.lock()
            counts[found.atom, default: 0] += found.count
            if let district = found.district { districts[found.atom.sector] = district }
            lock.unlock()
        }

        func atoms() -> EventAtoms {
            lock.lock()
            defer { lock.unlock() }
            return EventAtoms(atoms: counts.map { ($0.key, $0.value, districts[$0.key.sector]) })
        }
    }

    private static func atom(_ row: EventAggregateRow) -> (atom: Atom, count: Int, district: String?)? {
        let parts = row.month.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        let postcode = Postcode(row.postcode)
        return (Atom(sector: postcode?.sector ?? unplaced, month: MonthIndex.of(year: year, month: month), category: row.category, partner: row.partner),
                row.count, postcode?.district)
    }

    private var groups: Int { sectors.count + districts.count + 1 }

    /// Adds `count` to the atom's cell and to its district's and the partnership's totals.
    private mutating func add(_ atom: Atom, _ count: Int) {
        guard let s = sectorIndex[atom.sector], let c = categoryIndex[atom.category], let p = partnerIndex[atom.partner] else { return }
        let (nc, np) = (categories.count, partners.count)
        var cube = cubes.removeValue(forKey: atom.month) ?? MonthCube(groups: groups, categories: nc, partners: np)
        let n = Int32(count)
        for group in [s, districtGroupOf[s], groups - 1] where group >= 0 {
            cube.full[(group * nc + c) * np + p] += n
            cube.byCategory[group * nc + c] += n
            cube.byPartner[group * np + p] += n
            cube.total[group] += n
        }
        cubes[atom.month] = cube
    }

    /// These atoms with signed changes added (an import's new versions less
    /// the versions they replaced). The cost follows the number of changes,
    /// unless a change brings a sector, category or partner not yet counted,
    /// or empties one, when the cube is laid out again from its own cells
    /// (still never from the events).
    func applying(_ changes: [EventAggregateRow]) -> EventAtoms {
        let atoms = changes.compactMap(Self.atom)
        var changed = self
        var fits = true
        for (atom, count, district) in atoms {
            guard changed.sectorIndex[atom.sector] != nil, changed.categoryIndex[atom.category] != nil,
                  changed.partnerIndex[atom.partner] != nil, district == nil || changed.districtOf[atom.sector] == district else {
                fits = false
                break
            }
            changed.add(atom, count)
        }
        if fits, changed.everyDimensionLive() {
            changed.months = changed.cubes.filter { $0.value.total[changed.groups - 1] != 0 }.keys.min().map { low in
                low...changed.cubes.filter { $0.value.total[changed.groups - 1] != 0 }.keys.max()!
            }
            changed.cubes = changed.cubes.filter { $0.value.total[changed.groups - 1] != 0 }
            return changed
        }
        return EventAtoms(atoms: counts.map { ($0.key, $0.value, districtOf[$0.key.sector]) } + atoms)
    }

    /// Whether every sector, category and partner still counts something (else a recount would not list it).
    private func everyDimensionLive() -> Bool {
        var sector = Array(repeating: false, count: sectors.count), category = Array(repeating: false, count: categories.count)
        var partner = Array(repeating: false, count: partners.count)
        for cube in cubes.values {
            for s in sectors.indices where cube.total[s] != 0 { sector[s] = true }
            let all = groups - 1
            for c in categories.indices where cube.byCategory[all * categories.count + c] != 0 { category[c] = true }
            for p in partners.indices where cube.byPartner[all * partners.count + p] != 0 { partner[p] = true }
        }
        return !sector.contains(false) && !category.contains(false) && !partner.contains(false)
    }

    /// Every non-empty finest cell with its count (for tests and layout changes; a report never needs them).
    var counts: [Atom: Int] {
        var result: [Atom: Int] = [:]
        let (nc, np) = (categories.count, partners.count)
        for (month, cube) in cubes {
            for s in sectors.indices where cube.total[s] != 0 {
                for c in categories.indices where cube.byCategory[s * nc + c] != 0 {
                    for p in partners.indices where cube.full[(s * nc + c) * np + p] != 0 {
                        result[Atom(sector: sectors[s], month: month, category: categories[c], partner: partners[p])] = Int(cube.full[(s * nc + c) * np + p])
                    }
                }
            }
        }
        return result
    }

    /// How many finest cells hold events.
    var cellCount: Int {
        cubes.values.reduce(0) { sum, cube in sum + cube.full.prefix(sectors.count * categories.count * partners.count).filter { $0 != 0 }.count }
    }

    func sectors(in district: String) -> [String] { sectorsOf[district] ?? [] }

    /// The true count of events in `scope` (the guard's oracle and the tables' source).
    func count(_ scope: CellScope) -> Int {
        let cs = scope.categories.compactMap { categoryIndex[$0] }, ps = scope.partners.compactMap { partnerIndex[$0] }
        guard !cs.isEmpty, !ps.isEmpty else { return 0 }
        let units = groups(covering: scope.areas)
        guard !units.isEmpty else { return 0 }
        let allCategories = cs.count == categories.count, allPartners = ps.count == partners.count
        let (nc, np) = (categories.count, partners.count)
        var total = 0
        for month in scope.months {
            guard let cube = cubes[month] else { continue }
            for g in units {
                switch (allCategories, allPartners) {
                case (true, true): total += Int(cube.total[g])
                case (false, true): for c in cs { total += Int(cube.byCategory[g * nc + c]) }
                case (true, false): for p in ps { total += Int(cube.byPartner[g * np + p]) }
                case (false, false): for c in cs { for p in ps { total += Int(cube.full[(g * nc + c) * np + p]) } }
                }
            }
        }
        return total
    }

    /// The fewest groups that hold exactly these sectors: the partnership when
    /// all are asked for, a district when all its sectors are, else sectors.
    private func groups(covering areas: Set<String>) -> [Int] {
        let asked = areas.compactMap { sectorIndex[$0] }
        if asked.count == sectors.count { return asked.isEmpty ? [] : [groups - 1] }
        var inDistrict: [Int: [Int]] = [:]
        var units: [Int] = []
        for s in asked {
            let group = districtGroupOf[s]
            if group < 0 { units.append(s) } else { inDistrict[group, default: []].append(s) }
        }
        for (group, held) in inDistrict {
            if held.count == sectorsOf[districts[group - sectors.count]]?.count { units.append(group) } else { units += held }
        }
        return units
    }
}
