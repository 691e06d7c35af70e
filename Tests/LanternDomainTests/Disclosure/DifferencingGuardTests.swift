import LanternDomain
import PropertyBased
import Testing

/// A small synthetic area: true counts per sector, month, category and partner.
struct TinyWorld {
    static let areas = ["LN1 1", "LN1 2", "LN1 3", "LN2 1"]
    static let months = Array(0..<6)
    static let categories = ["asb", "burglary"]
    static let partners = ["police", "council"]
    var counts: [String: Int]

    init(seed: [Int]) {
        var counts: [String: Int] = [:]
        var i = 0
        for a in Self.areas { for m in Self.months { for c in Self.categories { for p in Self.partners {
            counts[Self.key(a, m, c, p)] = seed[i % seed.count]
            i += 1
        } } } }
        self.counts = counts
    }

    static func key(_ a: String, _ m: Int, _ c: String, _ p: String) -> String { "\(a)|\(m)|\(c)|\(p)" }

    func count(_ scope: CellScope) -> Int {
        var total = 0
        for a in scope.areas { for m in scope.months { for c in scope.categories { for p in scope.partners {
            total += counts[Self.key(a, m, c, p)] ?? 0
        } } } }
        return total
    }

    static func scope(areas: [String] = areas, months: [Int] = months, categories: [String] = categories,
                      partners: [String] = partners) -> CellScope {
        CellScope(measure: "events", areas: Set(areas), months: Set(months), categories: Set(categories), partners: Set(partners))
    }
}

/// Differencing attacks on released counts, and the guard that stops them.
@Suite struct DifferencingGuardTests {
    let policy = DisclosurePolicy.standard(for: .board)

    func release(_ scopes: [CellScope], in world: TinyWorld) -> [ReleasedCell] {
        scopes.map { ReleasedCell(scope: $0, shown: policy.disclose(world.count($0)).shown != nil) }
    }

    /// A world where LN1 3 holds 3 events and every other sector 10 a month per partner and category.
    func worldWithOneThinSector() -> TinyWorld {
        var world = TinyWorld(seed: [10])
        for m in TinyWorld.months { world.counts[TinyWorld.key("LN1 3", m, "asb", "police")] = 0 }
        world.counts[TinyWorld.key("LN1 3", 2, "asb", "police")] = 3
        for m in TinyWorld.months { for p in TinyWorld.partners where true {
            for c in TinyWorld.categories where !(c == "asb" && p == "police") { world.counts[TinyWorld.key("LN1 3", m, c, p)] = 0 }
        } }
        return world
    }

    @Test func aDistrictLessItsShownSectorsIsRefused() {
        let world = worldWithOneThinSector()
        var guardian = DifferencingGuard()
        guardian.remember(release([TinyWorld.scope(areas: ["LN1 1", "LN1 2", "LN1 3"])], in: world))
        let sectors = release([TinyWorld.scope(areas: ["LN1 1"]), TinyWorld.scope(areas: ["LN1 2"])], in: world)
        let found = guardian.isolations(of: sectors, largestSuppressed: 7, count: world.count)
        #expect(found.map(\.scope.areas) == [["LN1 3"]])
        // Without the earlier district figure the same sectors give nothing away.
        #expect(DifferencingGuard().isolations(of: sectors, largestSuppressed: 7, count: world.count).isEmpty)
    }

    @Test func aQuarterLessTwoOfItsMonthsIsRefused() {
        let world = worldWithOneThinSector()
        let thin = { (months: [Int]) in TinyWorld.scope(areas: ["LN1 3"], months: months) }
        var guardian = DifferencingGuard()
        guardian.remember(release([thin([0, 1, 2]) ], in: world).map { ReleasedCell(scope: $0.scope, shown: true) })
        let found = guardian.isolations(of: release([thin([0, 1])], in: world), largestSuppressed: 7, count: world.count)
        // Jan-Feb is 0 (shown), so the quarter's figure less it is March's 3.
        #expect(found.count == 1 && found[0].scope.months == [2])
    }

    @Test func allPartnersLessAllButOneIsRefused() {
        var world = worldWithOneThinSector()
        // The police recorded nothing else in LN1 1 that month, so "all partners" less "the council" is LN1 3's 3.
        for c in TinyWorld.categories { world.counts[TinyWorld.key("LN1 1", 2, c, "police")] = 0 }
        var guardian = DifferencingGuard()
        guardian.remember(release([TinyWorld.scope(areas: ["LN1 3", "LN1 1"], months: [2])], in: world))
        let allButPolice = TinyWorld.scope(areas: ["LN1 3", "LN1 1"], months: [2], partners: ["council"])
        #expect(!guardian.isolations(of: release([allButPolice], in: world), largestSuppressed: 7, count: world.count).isEmpty)
    }

    @Test func theSameTableAskedTwiceIsNotRefused() {
        let world = worldWithOneThinSector()
        let table = CountTable(title: "by sector", rowHeading: "Area", columns: ["events"], rows: TinyWorld.areas.map { area in
            let scope = TinyWorld.scope(areas: [area])
            return CountTable.Row(label: area, cells: [CountTable.Cell(scope: scope, count: world.count(scope))])
        })
        let released = policy.release(table)
        var guardian = DifferencingGuard()
        guardian.remember(released.cells)
        #expect(guardian.isolations(of: released.cells, largestSuppressed: 7, count: world.count).isEmpty)
    }

    @Test func withTooManyPiecesTheNamedAttacksAreStillStopped() {
        let world = worldWithOneThinSector()
        var guardian = DifferencingGuard()
        guardian.classLimit = 0
        guardian.remember(release([TinyWorld.scope(areas: ["LN1 1", "LN1 2", "LN1 3"])], in: world))
        let sectors = release([TinyWorld.scope(areas: ["LN1 1"]), TinyWorld.scope(areas: ["LN1 2"])], in: world)
        #expect(!guardian.isolations(of: sectors, largestSuppressed: 7, count: world.count).isEmpty, "district less its shown sectors")
        let wider = release([TinyWorld.scope(areas: ["LN1 1", "LN1 2", "LN1 3", "LN2 1"])], in: world)
        #expect(guardian.isolations(of: wider, largestSuppressed: 7, count: world.count).isEmpty, "LN2 1 adds many events: harmless")
        var quarter = DifferencingGuard()
        quarter.classLimit = 0
        quarter.remember([ReleasedCell(scope: TinyWorld.scope(areas: ["LN1 3"], months: [0, 1, 2]), shown: true)])
        #expect(!quarter.isolations(of: release([TinyWorld.scope(areas: ["LN1 3"], months: [0, 1])], in: world),
                                    largestSuppressed: 7, count: world.count).isEmpty, "a quarter less two of its months")
    }

    /// Random requests, each a single cell over random areas, months, categories
    /// and partners, answered only when the guard lets them through.
    /// Run with the general check and with the direct checks used beyond the piece limit.
    @Test(arguments: [20_000, 0])
    func noTwoReleasesDifferBySuppressedAmount(classLimit: Int) async {
        // Sparse: most pieces are empty and the rest hold 1 to 3, as events in one sector and month do.
        let seed = Gen.int(in: 0...9).map { max(0, $0 - 6) }.array(of: 5...23)
        // One request is 14 bits: 4 for the areas, 6 for the months, 2 for the categories, 2 for the partners.
        let request = Gen.int(in: 0...(1 << 14 - 1))
        await propertyCheck(count: 100, input: seed, request.array(of: 4...14)) { seed, requests in
            let world = TinyWorld(seed: seed)
            var guardian = DifferencingGuard()
            guardian.classLimit = classLimit
            var released: [CellScope] = []
            for bits in requests {
                let (areaBits, monthBits, categoryBits, partnerBits) = (bits & 15, bits >> 4 & 63, bits >> 10 & 3, bits >> 12 & 3)
                let scope = TinyWorld.scope(
                    areas: TinyWorld.areas.enumerated().filter { areaBits >> $0.offset & 1 == 1 }.map(\.element),
                    months: TinyWorld.months.filter { monthBits >> $0 & 1 == 1 },
                    categories: TinyWorld.categories.enumerated().filter { categoryBits >> $0.offset & 1 == 1 }.map(\.element),
                    partners: TinyWorld.partners.enumerated().filter { partnerBits >> $0.offset & 1 == 1 }.map(\.element))
                guard !scope.isEmpty else { continue }
                let cells = release([scope], in: world)
                guard guardian.isolations(of: cells, largestSuppressed: 7, count: world.count).isEmpty else { continue }
                guardian.remember(cells)
                if cells[0].shown { released.append(scope) }
            }
            for outer in released {
                for inner in released where inner != outer && Self.isInside(inner, outer) {
                    let difference = world.count(outer) - world.count(inner)
                    #expect(!(1...7).contains(difference), "\(outer) less \(inner) isolates \(difference)")
                }
                // A cell less the union of disjoint released cells inside it.
                let inside = released.filter { $0 != outer && Self.isInside($0, outer) }
                let disjoint = inside.reduce(into: [CellScope]()) { kept, next in
                    if kept.allSatisfy({ !$0.overlaps(next) }) { kept.append(next) }
                }
                if disjoint.count > 1 {
                    let difference = world.count(outer) - disjoint.map(world.count).reduce(0, +)
                    #expect(!(1...7).contains(difference), "\(outer) less \(disjoint.count) cells inside it isolates \(difference)")
                }
            }
        }
    }

    static func isInside(_ inner: CellScope, _ outer: CellScope) -> Bool {
        inner.areas.isSubset(of: outer.areas) && inner.months.isSubset(of: outer.months)
            && inner.categories.isSubset(of: outer.categories) && inner.partners.isSubset(of: outer.partners)
    }
}
