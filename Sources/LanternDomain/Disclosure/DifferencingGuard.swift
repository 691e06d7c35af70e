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

    public private(set) var history: [[ReleasedCell]]
    /// Beyond this many pieces the general check would be slow; the guard then
    /// checks the named attacks directly (see ``directIsolations``).
    public var classLimit = 20_000

    public init(history: [[ReleasedCell]] = []) { self.history = history }

    /// Remembers a release once it has been made.
    public mutating func remember(_ cells: [ReleasedCell]) { history.append(cells) }

    /// The sets `candidate` would isolate against the history; empty when it is safe to release.
    public func isolations(of candidate: [ReleasedCell], largestSuppressed: Int,
                           count: (CellScope) -> Int) -> [Isolation] {
        let fresh = candidate.filter(\.shown).map(\.scope)
        guard !fresh.isEmpty else { return [] }
        var found: [Isolation] = []
        for measure in Set(fresh.map(\.measure)).sorted() {
            let mine = fresh.filter { $0.measure == measure }
            let earlier = Self.connected(to: mine, among: history.flatMap { $0 }.filter { $0.shown && $0.scope.measure == measure }.map(\.scope))
            guard !earlier.isEmpty else { continue }
            if let pieces = Pieces(rows: mine + earlier, limit: classLimit) {
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
    static func directIsolations(new: [CellScope], earlier: [CellScope], largestSuppressed: Int,
                                 count: (CellScope) -> Int) -> [Isolation] {
        let small = 1...largestSuppressed
        let newSet = Set(new), oldSet = Set(earlier)
        var found: [Isolation] = []
        var counts: [CellScope: Int] = [:]
        func tally(_ scope: CellScope) -> Int {
            if let known = counts[scope] { return known }
            let value = count(scope)
            counts[scope] = value
            return value
        }
        for a in newSet {
            for b in oldSet where a != b && a.overlaps(b) {
                if b.isInside(a), !newSet.contains(b), small.contains(tally(a) - tally(b)) { found.append(Isolation(scope: a)) }
                if a.isInside(b), !oldSet.contains(a), small.contains(tally(b) - tally(a)) { found.append(Isolation(scope: b)) }
            }
        }
        for (outer, others) in [(newSet, oldSet), (oldSet, newSet)] {
            for parent in outer {
                var inside: [CellScope] = []
                for cell in others where cell != parent && cell.isInside(parent) && inside.allSatisfy({ !$0.overlaps(cell) }) {
                    inside.append(cell)
                }
                guard inside.count > 1 else { continue }
                if small.contains(tally(parent) - inside.reduce(0) { $0 + tally($1) }) { found.append(Isolation(scope: parent)) }
            }
        }
        return found
    }

    /// Earlier scopes linked to the new ones through a chain of overlaps: only these can combine with them.
    static func connected(to seeds: [CellScope], among scopes: [CellScope]) -> [CellScope] {
        var reached = Set<CellScope>()
        var frontier = seeds
        var remaining = Array(Set(scopes))
        while !frontier.isEmpty {
            var next: [CellScope] = []
            remaining.removeAll { scope in
                guard frontier.contains(where: { $0.overlaps(scope) }) else { return false }
                reached.insert(scope)
                next.append(scope)
                return true
            }
            frontier = next
        }
        return Array(reached)
    }
}

/// The released scopes cut into classes: products of per-dimension blocks of
/// values that every scope either holds entirely or not at all.
private struct Pieces {
    let rows: [CellScope]
    let members: [[Int]]  // per row, its classes, sorted
    let classes: [CellScope]

    init?(rows: [CellScope], limit: Int) {
        self.rows = rows
        let areaBlocks = Self.blocks(rows.map(\.areas))
        let monthBlocks = Self.blocks(rows.map(\.months))
        let categoryBlocks = Self.blocks(rows.map(\.categories))
        let partnerBlocks = Self.blocks(rows.map(\.partners))
        var index: [[Int]: Int] = [:]
        var classes: [CellScope] = []
        var members: [[Int]] = []
        for row in rows.indices {
            var mine: [Int] = []
            for a in areaBlocks.indices where areaBlocks[a].rows.contains(row) {
                for m in monthBlocks.indices where monthBlocks[m].rows.contains(row) {
                    for c in categoryBlocks.indices where categoryBlocks[c].rows.contains(row) {
                        for p in partnerBlocks.indices where partnerBlocks[p].rows.contains(row) {
                            let key = [a, m, c, p]
                            if let known = index[key] { mine.append(known); continue }
                            if classes.count >= limit { return nil }
                            index[key] = classes.count
                            mine.append(classes.count)
                            classes.append(CellScope(measure: rows[row].measure, areas: areaBlocks[a].values,
                                                     months: monthBlocks[m].values, categories: categoryBlocks[c].values,
                                                     partners: partnerBlocks[p].values))
                        }
                    }
                }
            }
            members.append(mine.sorted())
        }
        self.members = members
        self.classes = classes
    }

    /// Groups each value with the others held by exactly the same rows.
    static func blocks<V: Hashable>(_ sets: [Set<V>]) -> [(values: Set<V>, rows: Set<Int>)] {
        var holders: [V: Set<Int>] = [:]
        for (row, set) in sets.enumerated() { for value in set { holders[value, default: []].insert(row) } }
        var grouped: [Set<Int>: Set<V>] = [:]
        for (value, rows) in holders { grouped[rows, default: []].insert(value) }
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
