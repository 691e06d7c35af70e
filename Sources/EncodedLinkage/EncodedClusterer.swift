/// Groups encoded records into people from scored pairs, strongest first, allowing any
/// number of records per person per partner, and keeping the cannot-link rule: records a
/// partner gave different person ids are never put in one person, directly or through a
/// chain. Records a partner gave the same person id start in one person.
///
/// Contract: the result is a person number per record (0..<people); pairs are taken in
/// decreasing similarity, so a strong match is never blocked by a weaker one.
struct EncodedClusterer {
    var parent: [Int32]
    /// For each root, the partner person ids its records carry (one per partner at most).
    var known: [Int32: [(partner: Int32, person: Int32)]] = [:]
    var refused = 0
    /// Members of each person with more than one record, keyed by root.
    var members: [Int32: [Int32]] = [:]
    /// Records of two people join only when their average Dice reaches this: a chain of
    /// single strong links (a household of one surname and address) does not make one person.
    var averageFloor = 0.0
    var refusedAsChain = 0

    init(records: EncodedRecords) {
        parent = (0..<Int32(records.count)).map { $0 }
        var firstOfPerson: [Int32: Int32] = [:]
        for i in 0..<records.count where records.partnerPerson[i] >= 0 {
            let person = records.partnerPerson[i]
            if let first = firstOfPerson[person] {
                parent[i] = first
            } else {
                firstOfPerson[person] = Int32(i)
                known[Int32(i)] = [(records.partnerOf[i], person)]
            }
        }
    }

    mutating func find(_ x: Int32) -> Int32 {
        var x = x
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return x
    }

    /// Joins the people of `a` and `b` unless a partner said they hold different people, or
    /// their records are on average less alike than `averageFloor`.
    mutating func join(_ a: Int32, _ b: Int32, records: EncodedRecords) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        let ma = members[ra] ?? [ra], mb = members[rb] ?? [rb]
        if ma.count + mb.count > 2 {
            var sum = 0.0
            for x in ma.prefix(20) { for y in mb.prefix(20) { sum += records.dice(Int(x), Int(y)) } }
            if sum / Double(min(20, ma.count) * min(20, mb.count)) < averageFloor {
                refusedAsChain += 1
                return
            }
        }
        let ka = known[ra] ?? [], kb = known[rb] ?? []
        for (partner, person) in ka where kb.contains(where: { $0.partner == partner && $0.person != person }) {
            refused += 1
            return
        }
        if ka.count < kb.count { swap(&ra, &rb) }
        parent[Int(rb)] = ra
        members[ra] = ma + mb
        members[rb] = nil
        if !kb.isEmpty {
            var merged = known[ra] ?? []
            for entry in kb where !merged.contains(where: { $0.partner == entry.partner }) { merged.append(entry) }
            known[ra] = merged
            known[rb] = nil
        }
    }

    mutating func people() -> (personOf: [Int], count: Int) {
        var number: [Int32: Int] = [:]
        var out = [Int](repeating: 0, count: parent.count)
        for i in 0..<parent.count {
            let root = find(Int32(i))
            if let n = number[root] { out[i] = n } else {
                number[root] = number.count
                out[i] = number.count - 1
            }
        }
        return (out, number.count)
    }
}
