/// Groups records into people from scored links, with guards against wrong merges.
///
/// Links are taken strongest first (union-find). A merge is refused when the two groups
/// hold different valid NHS or CRO numbers, when a reviewer said any record of one is a
/// different person from any record of the other, or, when the merge would join groups
/// through a chain, when sampled members of the two groups disagree on given name, date of
/// birth and sex by more than `clusterConflictLimit` bits. Contract: the result never puts
/// two valid, different NHS numbers in one person except by a reviewer's must-link.
struct PersonClusterer {
    let scorer: PairScorer
    let settings: LinkageSettings

    private var parent: [Int32]
    private var members: [[Int32]]
    private var nhs: [UInt64]
    private var cro: [UInt64]
    private var cannotLink: [Int32: [Int32]] = [:]
    private(set) var refusedForIdentifiers = 0
    private(set) var refusedForReviewer = 0
    private(set) var refusedForConsistency = 0
    private(set) var reviewerConflicts = 0

    init(scorer: PairScorer, settings: LinkageSettings) {
        self.scorer = scorer
        self.settings = settings
        let r = scorer.comparator.records
        parent = (0..<Int32(r.count)).map { $0 }
        members = [[Int32]](repeating: [], count: r.count)
        nhs = r.nhs
        cro = r.cro
    }

    mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = x
        while parent[Int(node)] != root {
            let next = parent[Int(node)]
            parent[Int(node)] = root
            node = next
        }
        return root
    }

    private func size(_ root: Int32) -> Int { max(1, members[Int(root)].count) }
    private func membersOf(_ root: Int32) -> [Int32] { members[Int(root)].isEmpty ? [root] : members[Int(root)] }

    mutating func addCannotLink(_ a: Int, _ b: Int) {
        cannotLink[Int32(a), default: []].append(Int32(b))
        cannotLink[Int32(b), default: []].append(Int32(a))
    }

    /// Joins the people of `a` and `b` because a reviewer said so.
    mutating func mustLink(_ a: Int, _ b: Int) {
        let ra = find(Int32(a)), rb = find(Int32(b))
        if ra == rb { return }
        if reviewerForbids(ra, rb) { reviewerConflicts += 1; return }
        union(ra, rb)
    }

    /// Tries to join the people of `a` and `b` on the model's evidence; returns whether joined.
    @discardableResult
    mutating func link(_ a: Int, _ b: Int) -> Bool {
        let ra = find(Int32(a)), rb = find(Int32(b))
        if ra == rb { return true }
        let na = nhs[Int(ra)], nb = nhs[Int(rb)], ca = cro[Int(ra)], cb = cro[Int(rb)]
        if (na != 0 && nb != 0 && na != nb) || (ca != 0 && cb != 0 && ca != cb) {
            refusedForIdentifiers += 1
            return false
        }
        if reviewerForbids(ra, rb) { refusedForReviewer += 1; return false }
        if size(ra) + size(rb) > 2, !consistent(ra, rb) { refusedForConsistency += 1; return false }
        union(ra, rb)
        return true
    }

    private mutating func reviewerForbids(_ ra: Int32, _ rb: Int32) -> Bool {
        guard !cannotLink.isEmpty else { return false }
        let (small, other) = size(ra) <= size(rb) ? (ra, rb) : (rb, ra)
        for member in membersOf(small) {
            guard let partners = cannotLink[member] else { continue }
            for partner in partners where find(partner) == other { return true }
        }
        return false
    }

    /// Sampled cross pairs must not show strong evidence of being different people.
    private func consistent(_ ra: Int32, _ rb: Int32) -> Bool {
        let k = max(1, settings.clusterCheckSample)
        let left = Self.sample(membersOf(ra), k), right = Self.sample(membersOf(rb), k)
        let records = scorer.comparator.records
        for x in left {
            for y in right {
                let i = Int(x), j = Int(y)
                if records.nhs[i] != 0, records.nhs[i] == records.nhs[j] { continue }
                if scorer.personConflict(i, j) < -settings.clusterConflictLimit { return false }
            }
        }
        return true
    }

    private static func sample(_ list: [Int32], _ k: Int) -> [Int32] {
        guard list.count > k else { return list }
        let step = Double(list.count) / Double(k)
        return (0..<k).map { list[Int(Double($0) * step)] }
    }

    private mutating func union(_ ra: Int32, _ rb: Int32) {
        let (big, small) = size(ra) >= size(rb) ? (ra, rb) : (rb, ra)
        var joined = membersOf(big)
        joined.append(contentsOf: membersOf(small))
        members[Int(small)] = []
        members[Int(big)] = joined
        parent[Int(small)] = big
        if nhs[Int(big)] == 0 { nhs[Int(big)] = nhs[Int(small)] }
        if cro[Int(big)] == 0 { cro[Int(big)] = cro[Int(small)] }
    }

    /// Person number of every record, numbered in order of each person's first record.
    mutating func personNumbers() -> [Int] {
        let n = parent.count
        var numberOfRoot = [Int](repeating: -1, count: n)
        var out = [Int](repeating: 0, count: n)
        var next = 0
        for i in 0..<n {
            let root = Int(find(Int32(i)))
            if numberOfRoot[root] < 0 { numberOfRoot[root] = next; next += 1 }
            out[i] = numberOfRoot[root]
        }
        return out
    }
}
