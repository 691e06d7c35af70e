@testable import App
import LanternDomain
import PropertyBased
import Storage
import Testing

/// The event aggregates answer every scope with the sum of its finest cells,
/// whether they were counted whole or brought up to date by changes, though
/// a district or partnership cell reads rolled-up totals instead of summing.
@Suite struct EventAtomsTests {
    static let postcodes = ["SS14 1DL", "SS14 1DN", "SS14 2AB", "SS15 6PH", "SS15 7AA", ""]
    static let categories = ["asb", "domestic-abuse", "burglary"]
    static let partners = ["police", "council", "health"]

    /// A code drawn by the generator as one aggregate row: month, partner, category, postcode, count.
    static func row(_ code: Int, sign: Int = 1) -> EventAggregateRow {
        EventAggregateRow(month: "2026-0\(code % 6 + 1)", partner: partners[code / 6 % 3], category: categories[code / 18 % 3],
                          postcode: postcodes[code / 54 % 6], count: sign * (code / 324 % 4 + 1))
    }
    static let codes = Gen.int(in: 0...(324 * 4 - 1)).array(of: 1...60)

    /// A scope chosen by the bits of `mask` from what the atoms hold (and a value they do not).
    static func scope(_ mask: Int, _ atoms: EventAtoms) -> CellScope {
        let sectors = atoms.sectors + ["ZZ9 9"], cats = categories + ["fraud"], parts = partners + ["charity"]
        func pick<T>(_ values: [T], shift: Int) -> [T] { values.enumerated().filter { mask >> (shift + $0.offset) & 1 == 1 }.map(\.element) }
        // Every third scope asks for all sectors of a district or all of everything, as tables do.
        let areas = mask % 3 == 0 ? atoms.sectors(in: "SS14") : mask % 7 == 0 ? atoms.sectors : pick(sectors, shift: 0)
        let months = pick(Array(MonthIndex.of(year: 2026, month: 1)...MonthIndex.of(year: 2026, month: 8)), shift: 7)
        return CellScope(measure: "events", areas: Set(areas), months: Set(months),
                         categories: Set(mask % 5 == 0 ? cats : pick(cats, shift: 15)), partners: Set(mask % 2 == 0 ? parts : pick(parts, shift: 19)))
    }

    static func sum(_ counts: [EventAtoms.Atom: Int], _ scope: CellScope) -> Int {
        counts.filter { scope.months.contains($0.key.month) && scope.areas.contains($0.key.sector) && scope.categories.contains($0.key.category)
            && scope.partners.contains($0.key.partner) }.values.reduce(0, +)
    }

    @Test func everyScopeCountsTheSumOfItsCells() async {
        await propertyCheck(count: 200, input: Self.codes, Gen.int(in: 0...(1 << 23 - 1)).array(of: 1...20)) { codes, masks in
            let atoms = EventAtoms(rows: codes.map { Self.row($0) })
            let cells = atoms.counts
            #expect(cells.values.reduce(0, +) == codes.map { Self.row($0).count }.reduce(0, +), "an event with no postcode counts in the unplaced sector")
            for mask in masks {
                let scope = Self.scope(mask, atoms)
                #expect(atoms.count(scope) == Self.sum(cells, scope))
            }
        }
    }

    @Test func changesAppliedGiveWhatARecountGives() async {
        await propertyCheck(count: 200, input: Self.codes, Self.codes, Gen.int(in: 0...(1 << 23 - 1)).array(of: 1...20)) { held, added, masks in
            // Some of the held rows replaced (taken out) by the added ones, as an import's new versions do.
            let removed = held.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
            let kept = held.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
            let updated = EventAtoms(rows: held.map { Self.row($0) }).applying(added.map { Self.row($0) } + removed.map { Self.row($0, sign: -1) })
            let recount = EventAtoms(rows: (kept + added).map { Self.row($0) })
            #expect(updated.counts == recount.counts)
            #expect(updated.months == recount.months && updated.sectors == recount.sectors && updated.partners == recount.partners)
            #expect(updated.districts == recount.districts)
            for mask in masks {
                let scope = Self.scope(mask, recount)
                #expect(updated.count(scope) == recount.count(scope))
            }
        }
    }
}
