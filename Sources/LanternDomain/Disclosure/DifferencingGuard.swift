/// Keeps every released table and finds the small counts a new release would
/// give away when set against the earlier ones.
///
/// An attacker subtracts released figures: a quarter minus two of its
/// months, a district minus the sectors already shown, "all partners" minus
/// "all but one". The guard splits the released scopes into the smallest
/// pieces they cannot tell apart (classes), treats every shown figure as
/// exact (rounding is ignored, which only makes it more cautious), and asks
/// of each piece, each difference of nested or overlapping cells, and each
/// cell less everything released inside it: can this be worked out from the
/// releases together, and does it hold 1 to `largestSuppressed` people?
///
/// A set that one release already gives away on its own (a table's total
/// less its shown rows) is the risk the count rule accepts, as NHS England's
/// method does; the guard looks only for what the new release adds to the
/// earlier ones. Contract: `count` must give the true, unrounded count of any
/// scope, and be additive over disjoint scopes.
public struct DifferencingGuard: Sendable {
    /// One set a new release would isolate, described without its count.
    public struct Isolation: Sendable, Hashable {
        public var scope: CellScope
    }

    /// Every earlier release's shown cells, filed so that only those a new table could combine with are read.
    public private(set) var index: ReleaseIndex
    /// Beyond this many pieces the general check would be slow; the guard then
    /// checks the named attacks directly (see ``directIsolations``).
    public var classLimit = 20_000

    public init(history: [[ReleasedCell]] = []) { self.index = ReleaseIndex(history) }

    public init(index: ReleaseIndex) { self.index = index }

    /// Remembers a release once it has been made.
    public mutating func remember(_ cells: [ReleasedCell]) { index.add(cells) }

    /// The sets `candidate` would isolate against the history; empty when it is safe to release.
    public func isolations(of candidate: [ReleasedCell], largestSuppressed: Int,
                           count: (CellScope) -> Int) -> [Isolation] {
        let fresh = candidate.filter(\.shown).map(\.scope)
        guard !fresh.isEmpty else { return [] }
        var found: [Isolation] = []
        for measure in Set(fresh.map(\.measure)).sorted() {
            let mine = fresh.filter { $0.measure == measure }
            // Only earlier cells of this measure linked to the new ones through a chain of overlaps can combine with them.
            let earlier = index.connected(to: mine)
            guard !earlier.scopes.isEmpty else { continue }
            if let pieces = Pieces(rows: mine + earlier.scopes, packed: mine.map { earlier.numbers.pack($0) } + earlier.packed,
                                   packer: earlier.numbers, limit: classLimit) {
                found += pieces.isolations(newRows: mine.count, largestSuppressed: largestSuppressed, count: count)
            } else {
                found += Self.directIsolations(new: mine, earlier: earlier, largestSuppressed: largestSuppressed, count: count)
            }
        }
        return found
    }

    /// The named attacks, checked on the scopes themselves when there are too
    /// many pieces for the general check: a new cell less an earlier one
    /// inside it (or the reverse), and a cell less disjoint cells of the other
    /// side inside it (a district less its sectors, a quarter less its
    /// months). A difference the new release already shows on its own (it
    /// holds the inner cell too) is left to the count rule, as above.
    static func directIsolations(new: [CellScope], earlier: ReleaseIndex.Linked, largestSuppressed: Int,
                                 count: (CellScope) -> Int) -> [Isolation] {
        let small = 1...largestSuppressed
        // Compared as bit sets (the earlier ones packed once, when filed): the same checks, without hashing every sector name of every pair.
        // In the table's own order, not a set's: the inner cells below are picked greedily,
        // and a set's order changes from process to process (Swift seeds its hashing per
        // run), so the same request could be released by one server and refused by another.
        var seen = Set<CellScope>()
        let newScopes = new.filter { seen.insert($0).inserted }, oldScopes = earlier.scopes
        let newPacked = newScopes.map { earlier.numbers.pack($0) }, oldPacked = earlier.packed
        let newSet = Set(newPacked), oldSet = Set(oldPacked)
        var found: [Isolation] = []
        // Counts kept by position, not by scope: hashing a scope hashes every sector name in it.
        var newCounts = [Int?](repeating: nil, count: newScopes.count), oldCounts = [Int?](repeating: nil, count: oldScopes.count)
        func tally(_ position: Int, new: Bool) -> Int {
            if let known = new ? newCounts[position] : oldCounts[position] { return known }
            let value = count(new ? newScopes[position] : oldScopes[position])
            if new { newCounts[position] = value } else { oldCounts[position] = value }
            return value
        }
        for (i, a) in newPacked.enumerated() {
            for (j, b) in oldPacked.enumerated() where a.overlaps(b) && a != b {
                if b.isInside(a), !newSet.contains(b), small.contains(tally(i, new: true) - tally(j, new: false)) { found.append(Isolation(scope: newScopes[i])) }
                if a.isInside(b), !oldSet.contains(a), small.contains(tally(j, new: false) - tally(i, new: true)) { found.append(Isolation(scope: oldScopes[j])) }
            }
        }
        for (outer, others, outerIsNew) in [((newScopes, newPacked), (oldScopes, oldPacked), true), ((oldScopes, oldPacked), (newScopes, newPacked), false)] {
            for (p, parent) in outer.1.enumerated() {
                var inside: [Int] = []
                for (c, cell) in others.1.enumerated() where cell != parent && cell.isInside(parent) && inside.allSatisfy({ !others.1[$0].overlaps(cell) }) {
                    inside.append(c)
                }
                guard inside.count > 1 else { continue }
                if small.contains(tally(p, new: outerIsNew) - inside.reduce(0) { $0 + tally($1, new: !outerIsNew) }) { found.append(Isolation(scope: outer.0[p])) }
            }
        }
        return found
    }
}

/// A scope with each dimension as a bit set over the values the scopes
/// being compared use: overlap and containment become word operations.
struct PackedScope: Hashable, Sendable {
    var measure: String
    var areas: [UInt64]
    var months: [UInt64]
    var categories: [UInt64]
    var partners: [UInt64]

    func overlaps(_ other: PackedScope) -> Bool {
        measure == other.measure && Self.meet(areas, other.areas) && Self.meet(months, other.months)
            && Self.meet(categories, other.categories) && Self.meet(partners, other.partners)
    }

    func isInside(_ outer: PackedScope) -> Bool {
        measure == outer.measure && Self.within(areas, outer.areas) && Self.within(months, outer.months)
            && Self.within(categories, outer.categories) && Self.within(partners, outer.partners)
    }

    /// Every value either holds, dimension by dimension (a box around both, not their exact union).
    func union(_ other: PackedScope) -> PackedScope {
        PackedScope(measure: measure, areas: Self.or(areas, other.areas), months: Self.or(months, other.months),
                    categories: Self.or(categories, other.categories), partners: Self.or(partners, other.partners))
    }

    // Words past the end of the shorter set are 0: scopes packed before later values were numbered stay comparable.
    static func meet(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for i in 0..<min(a.count, b.count) where a[i] & b[i] != 0 { return true }
        return false
    }

    static func within(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for i in a.indices where a[i] & ~(i < b.count ? b[i] : 0) != 0 { return false }
        return true
    }

    static func or(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a.count >= b.count ? a : b
        for i in 0..<min(a.count, b.count) { result[i] = a[i] | b[i] }
        return result
    }
}

/// Numbers every value the given scopes use, dimension by dimension, and packs scopes over those numbers.
/// Numbers once given never change, so scopes packed earlier stay valid as more values are numbered.
struct ScopePacker: Sendable {
    private var areas = ValueNumbers<String>()
    private var months = ValueNumbers<Int>()
    private var categories = ValueNumbers<String>()
    private var partners = ValueNumbers<String>()

    func area(_ number: Int) -> String { areas.values[number] }
    func month(_ number: Int) -> Int { months.values[number] }
    func category(_ number: Int) -> String { categories.values[number] }
    func partner(_ number: Int) -> String { partners.values[number] }

    init(_ scopes: [CellScope]) {
        for scope in scopes { number(scope) }
    }

    /// Gives a number to each value of `scope` not numbered yet.
    mutating func number(_ scope: CellScope) {
        areas.number(scope.areas)
        months.number(scope.months)
        categories.number(scope.categories)
        partners.number(scope.partners)
    }

    /// `scope` packed; values not numbered are left out (no numbered scope holds them).
    func pack(_ scope: CellScope) -> PackedScope {
        PackedScope(measure: scope.measure, areas: Self.bits(scope.areas, areas.numbers), months: Self.bits(scope.months, months.numbers),
                    categories: Self.bits(scope.categories, categories.numbers), partners: Self.bits(scope.partners, partners.numbers))
    }

    /// Trailing zero words are dropped, so equal sets pack equal however many values were numbered.
    private static func bits<V: Hashable>(_ values: Set<V>, _ numbers: [V: Int]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (numbers.count + 63) / 64)
        for value in values { if let n = numbers[value] { words[n / 64] |= 1 << UInt64(n % 64) } }
        while words.last == 0 { words.removeLast() }
        return words
    }
}

/// The released scopes cut into classes: products of per-dimension blocks of
/// values that every scope either holds entirely or not at all.
private struct Pieces {
    let rows: [CellScope]
    let members: [[Int]]  // per row, its classes, sorted
    let classes: [CellScope]

    /// `packed`: the rows packed over `packer`'s numbers; the pieces are worked out on those numbers, not on the names.
    init?(rows: [CellScope], packed: [PackedScope], packer: ScopePacker, limit: Int) {
        self.rows = rows
        let areaBlocks = Self.blocks(packed.map(\.areas)), monthBlocks = Self.blocks(packed.map(\.months))
        let categoryBlocks = Self.blocks(packed.map(\.categories)), partnerBlocks = Self.blocks(packed.map(\.partners))
        // Each block's values named once, shared by every class made from it.
        let areaSets = areaBlocks.map { Set($0.values.map(packer.area)) }, monthSets = monthBlocks.map { Set($0.values.map(packer.month)) }
        let categorySets = categoryBlocks.map { Set($0.values.map(packer.category)) }, partnerSets = partnerBlocks.map { Set($0.values.map(packer.partner)) }
        // Per row, the blocks holding it, in block order.
        func holding(_ blocks: [(values: [Int], rows: [Int])]) -> [[Int]] {
            var held = [[Int]](repeating: [], count: rows.count)
            for (b, block) in blocks.enumerated() { for row in block.rows { held[row].append(b) } }
            return held
        }
        let areaHeld = holding(areaBlocks), monthHeld = holding(monthBlocks)
        let categoryHeld = holding(categoryBlocks), partnerHeld = holding(partnerBlocks)
        var index: [[Int]: Int] = [:]
        var classes: [CellScope] = []
        var members: [[Int]] = []
        for row in rows.indices {
            var mine: [Int] = []
            for a in areaHeld[row] {
                for m in monthHeld[row] {
                    for c in categoryHeld[row] {
                        for p in partnerHeld[row] {
                            let key = [a, m, c, p]
                            if let known = index[key] { mine.append(known); continue }
                            if classes.count >= limit { return nil }
                            index[key] = classes.count
                            mine.append(classes.count)
                            classes.append(CellScope(measure: rows[row].measure, areas: areaSets[a], months: monthSets[m],
                                                     categories: categorySets[c], partners: partnerSets[p]))
                        }
                    }
                }
            }
            members.append(mine.sorted())
        }
        self.members = members
        self.classes = classes
    }

    /// Groups each value (by number) with the others held by exactly the same rows.
    static func blocks(_ words: [[UInt64]]) -> [(values: [Int], rows: [Int])] {
        var holders: [[Int]] = []
        for (row, set) in words.enumerated() {
            for (w, word) in set.enumerated() where word != 0 {
                var bits = word
                while bits != 0 {
                    let value = w * 64 + bits.trailingZeroBitCount
                    if value >= holders.count { holders += Array(repeating: [], count: value - holders.count + 1) }
                    holders[value].append(row)
                    bits &= bits - 1
                }
            }
        }
        var grouped: [[Int]: [Int]] = [:]
        for (value, rows) in holders.enumerated() where !rows.isEmpty { grouped[rows, default: []].append(value) }
        return grouped.map { (values: $0.value, rows: $0.key) }
    }

    /// The first `newRows` rows are the candidate's; the rest are earlier releases'.
    func isolations(newRows: Int, largestSuppressed: Int, count: (CellScope) -> Int) -> [DifferencingGuard.Isolation] {
        var classCount: [Int: Int] = [:]
        func total(_ set: [Int]) -> Int {
            set.reduce(0) { sum, c in
                if let known = classCount[c] { return sum + known }
                let value = count(classes[c])
                classCount[c] = value
                return sum + value
            }
        }
        var suspects = Set<[Int]>()
        for c in classes.indices { suspects.insert([c]) }
        let sets = members.map(Set.init)
        for a in rows.indices {
            var inside = Set<Int>()
            for b in rows.indices where b != a && !sets[a].isDisjoint(with: sets[b]) {
                suspects.insert(sets[a].subtracting(sets[b]).sorted())
                suspects.insert(sets[a].intersection(sets[b]).sorted())
                if sets[b].isStrictSubset(of: sets[a]) { inside.formUnion(sets[b]) }
            }
            suspects.insert(sets[a].subtracting(inside).sorted())
        }
        let small = suspects.filter { !$0.isEmpty && (1...largestSuppressed).contains(total($0)) }
        guard !small.isEmpty else { return [] }
        var all = SpanBasis(width: classes.count), new = SpanBasis(width: classes.count), old = SpanBasis(width: classes.count)
        for (row, set) in members.enumerated() {
            all.add(set)
            if row < newRows { new.add(set) } else { old.add(set) }
        }
        return small.filter { all.contains($0) && !new.contains($0) && !old.contains($0) }
            .sorted { $0.lexicographicallyPrecedes($1) }
            .map { set in
                let scopes = set.map { classes[$0] }
                return DifferencingGuard.Isolation(scope: scopes.dropFirst().reduce(scopes[0]) { $0.spanning($1) })
            }
    }
}

/// One dimension's values, each numbered in the order first seen; a number once given never changes.
struct ValueNumbers<Value: Hashable & Sendable>: Sendable {
    private(set) var numbers: [Value: Int] = [:]
    /// The values by number, to name what a number stands for.
    private(set) var values: [Value] = []

    mutating func number(_ seen: some Sequence<Value>) {
        for value in seen where numbers[value] == nil {
            numbers[value] = values.count
            values.append(value)
        }
    }
}
