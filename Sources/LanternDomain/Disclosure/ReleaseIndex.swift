/// The register of released cells as the differencing guard reads it: each
/// distinct shown scope once, filed by measure, packed as bit sets over
/// numbers given to every area, month, category and partner it has seen.
///
/// A partnership that publishes for a year keeps thousands of releases, but
/// their cells repeat (this month's row by category is in every trends table
/// that covers this month), and only cells of the same measure linked to a
/// new table through a chain of overlaps can combine with it. So the guard's
/// work per request follows the distinct cells it could combine with, not
/// every cell of every release. Contract: ``connected(to:)`` finds exactly
/// the earlier scopes a scan of every release would (those linked to the
/// seeds through overlaps); cells a release held back (`*`) are not kept,
/// as they tell an attacker nothing exact.
public struct ReleaseIndex: Sendable {
    /// The distinct shown scopes of one measure.
    struct Shelf: Sendable {
        var scopes: [CellScope] = []
        var packed: [PackedScope] = []
        var position: [CellScope: Int] = [:]
        /// Per scope, the releases that showed it, by the order they were added in.
        var releases: [[Int]] = []
    }

    /// The earlier scopes linked to a new table, with their packed forms and numbers that also cover the table's values.
    struct Linked {
        var scopes: [CellScope] = []
        var packed: [PackedScope] = []
        var numbers: ScopePacker
        var releases: Set<Int> = []
    }

    private var numbers = ScopePacker([])
    private var shelves: [String: Shelf] = [:]
    /// Equal value sets share one copy: the cells of a table mostly name the same areas and partners.
    private var areaSets: [Set<String>: Set<String>] = [:]
    private var otherSets: [Set<String>: Set<String>] = [:]
    private var monthSets: [Set<Int>: Set<Int>] = [:]

    /// How many releases were added.
    public private(set) var releaseCount = 0
    /// How many distinct shown scopes the releases hold, all measures together.
    public var scopeCount: Int { shelves.values.reduce(0) { $0 + $1.scopes.count } }

    public init() {}

    public init(_ releases: [[ReleasedCell]]) {
        for release in releases { add(release) }
    }

    /// Files one release's shown cells; it is numbered `releaseCount` before the call.
    public mutating func add(_ release: [ReleasedCell]) {
        let number = releaseCount
        releaseCount += 1
        for cell in release where cell.shown {
            var scope = cell.scope
            if let at = shelves[scope.measure]?.position[scope] {
                if shelves[scope.measure]!.releases[at].last != number { shelves[scope.measure]!.releases[at].append(number) }
                continue
            }
            scope.areas = Self.shared(scope.areas, in: &areaSets)
            scope.months = Self.shared(scope.months, in: &monthSets)
            scope.categories = Self.shared(scope.categories, in: &otherSets)
            scope.partners = Self.shared(scope.partners, in: &otherSets)
            numbers.number(scope)
            var shelf = shelves.removeValue(forKey: scope.measure) ?? Shelf()
            shelf.position[scope] = shelf.scopes.count
            shelf.scopes.append(scope)
            shelf.packed.append(numbers.pack(scope))
            shelf.releases.append([number])
            shelves[scope.measure] = shelf
        }
    }

    /// The releases holding a shown cell that a new table's shown cells are
    /// linked to through a chain of overlaps: the only ones the guard compares it with.
    public func releases(comparableTo candidate: [ReleasedCell]) -> Set<Int> {
        let fresh = candidate.filter(\.shown).map(\.scope)
        return Set(fresh.map(\.measure)).reduce(into: Set<Int>()) { found, measure in
            found.formUnion(connected(to: fresh.filter { $0.measure == measure }).releases)
        }
    }

    /// The distinct earlier scopes linked to `seeds` (all of one measure) through a chain of overlaps.
    func connected(to seeds: [CellScope]) -> Linked {
        var numbers = self.numbers
        for seed in seeds { numbers.number(seed) }
        guard let measure = seeds.first?.measure, let shelf = shelves[measure] else { return Linked(numbers: numbers) }
        var linked = Linked(numbers: numbers)
        var frontier = seeds.map { numbers.pack($0) }
        var open = Array(shelf.scopes.indices)
        while !frontier.isEmpty, !open.isEmpty {
            // What the frontier covers at all: most unlinked scopes miss it in some dimension.
            let hull = frontier.dropFirst().reduce(frontier[0]) { $0.union($1) }
            var next: [PackedScope] = []
            open.removeAll { i in
                let packed = shelf.packed[i]
                guard packed.overlaps(hull), frontier.contains(where: { $0.overlaps(packed) }) else { return false }
                linked.scopes.append(shelf.scopes[i])
                linked.packed.append(packed)
                linked.releases.formUnion(shelf.releases[i])
                next.append(packed)
                return true
            }
            frontier = next
        }
        return linked
    }

    private static func shared<V: Hashable>(_ values: Set<V>, in pool: inout [Set<V>: Set<V>]) -> Set<V> {
        if let known = pool[values] { return known }
        pool[values] = values
        return values
    }
}
