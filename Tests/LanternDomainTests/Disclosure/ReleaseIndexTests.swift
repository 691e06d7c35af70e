import LanternDomain
import PropertyBased
import Testing

/// The register filed for the guard: it must find every earlier release a
/// scan of the whole register would compare a new table with.
@Suite struct ReleaseIndexTests {
    /// One random cell: 14 bits of areas, months, categories and partners, a measure and whether it was shown.
    static func cell(_ bits: Int) -> ReleasedCell? {
        let scope = CellScope(
            measure: bits >> 14 & 1 == 0 ? "events" : "victims",
            areas: Set(TinyWorld.areas.enumerated().filter { bits >> $0.offset & 1 == 1 }.map(\.element)),
            months: Set(TinyWorld.months.filter { bits >> (4 + $0) & 1 == 1 }),
            categories: Set(TinyWorld.categories.enumerated().filter { bits >> (10 + $0.offset) & 1 == 1 }.map(\.element)),
            partners: Set(TinyWorld.partners.enumerated().filter { bits >> (12 + $0.offset) & 1 == 1 }.map(\.element)))
        return scope.isEmpty ? nil : ReleasedCell(scope: scope, shown: bits >> 15 & 3 != 0)
    }

    /// The full scan: every release holding a shown cell of a new shown cell's
    /// measure linked to it through a chain of overlapping shown cells.
    static func fullScan(_ history: [[ReleasedCell]], _ candidate: [ReleasedCell]) -> Set<Int> {
        var found = Set<Int>()
        let fresh = candidate.filter(\.shown).map(\.scope)
        for measure in Set(fresh.map(\.measure)) {
            let seeds = fresh.filter { $0.measure == measure }
            let earlier = history.flatMap { $0 }.filter(\.shown).map(\.scope)
            var reached: [CellScope] = []
            var grew = true
            while grew {
                grew = false
                for scope in earlier where !reached.contains(scope) && (seeds + reached).contains(where: { $0.overlaps(scope) }) {
                    reached.append(scope)
                    grew = true
                }
            }
            for (number, release) in history.enumerated() where release.contains(where: { $0.shown && reached.contains($0.scope) }) {
                found.insert(number)
            }
        }
        return found
    }

    @Test func aReleaseFoundByTheFullScanIsAlwaysFoundByTheIndex() async {
        let cellBits = Gen.int(in: 0...(1 << 17 - 1))
        let release = cellBits.array(of: 1...4)
        await propertyCheck(count: 200, input: release.array(of: 0...30), release) { history, candidate in
            let earlier = history.map { $0.compactMap(Self.cell) }
            let new = candidate.compactMap(Self.cell)
            let index = ReleaseIndex(earlier)
            let found = index.releases(comparableTo: new)
            let scanned = Self.fullScan(earlier, new)
            #expect(scanned.isSubset(of: found), "the full scan found releases \(scanned.subtracting(found).sorted()) the index missed")
            // And the index is one: it passes over releases the new table cannot combine with.
            #expect(found.isSubset(of: scanned), "the index found releases \(found.subtracting(scanned).sorted()) no chain of overlaps reaches")
        }
    }

    @Test func releasesOfAnotherMeasureOrDisjointMonthsAreNotRead() {
        let events = TinyWorld.scope(months: [0, 1])
        var victims = events
        victims.measure = "victims"
        let index = ReleaseIndex([[ReleasedCell(scope: victims, shown: true)],
                                  [ReleasedCell(scope: TinyWorld.scope(months: [4, 5]), shown: true)],
                                  [ReleasedCell(scope: TinyWorld.scope(months: [1, 2]), shown: true)],
                                  [ReleasedCell(scope: TinyWorld.scope(months: [2, 3]), shown: false)]])
        #expect(index.releases(comparableTo: [ReleasedCell(scope: events, shown: true)]) == [2])
        // Months 2-3 were held back, so nothing links months 1-2 to months 4-5.
        #expect(index.releases(comparableTo: [ReleasedCell(scope: TinyWorld.scope(months: [2]), shown: true)]) == [2])
    }

    @Test func theSameCellInManyReleasesIsFiledOnce() {
        let cell = ReleasedCell(scope: TinyWorld.scope(months: [0]), shown: true)
        let index = ReleaseIndex(Array(repeating: [cell, ReleasedCell(scope: TinyWorld.scope(months: [1]), shown: true)], count: 50))
        #expect(index.releaseCount == 50 && index.scopeCount == 2)
        #expect(index.releases(comparableTo: [cell]).count == 50)
    }
}
