/// The inverted blocking-key index behind `LinkageIndex`: for each rule, key -> records.
///
/// Keys loaded in bulk live in sorted flat arrays (binary search, 12 bytes a record per
/// rule, no per-key allocation); keys added one at a time go to a small dictionary that is
/// folded into the arrays when it grows. Contract: `records(rule:key:)` returns every
/// record added with that key, in no particular order.
struct BlockingIndex: Sendable {
    private var sortedKeys: [[UInt64]]
    private var sortedRecords: [[Int32]]
    private var recent: [[UInt64: [Int32]]]
    private var recentCount = 0
    static let foldThreshold = 100_000

    init(ruleCount: Int) {
        sortedKeys = [[UInt64]](repeating: [], count: ruleCount)
        sortedRecords = [[Int32]](repeating: [], count: ruleCount)
        recent = [[UInt64: [Int32]]](repeating: [:], count: ruleCount)
    }

    /// Replaces the bulk arrays of `rule` with `keys[i]` for records 0..<keys.count.
    mutating func load(rule: Int, keys: [UInt64]) {
        var pairs: [(UInt64, Int32)] = []
        pairs.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() where key != 0 { pairs.append((key, Int32(i))) }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        sortedKeys[rule] = pairs.map(\.0)
        sortedRecords[rule] = pairs.map(\.1)
    }

    mutating func add(rule: Int, key: UInt64, record: Int32) {
        guard key != 0 else { return }
        recent[rule][key, default: []].append(record)
        recentCount += 1
        if recentCount >= Self.foldThreshold { fold() }
    }

    /// Moves the recent keys into the sorted arrays.
    private mutating func fold() {
        for rule in recent.indices where !recent[rule].isEmpty {
            var pairs = Array(zip(sortedKeys[rule], sortedRecords[rule]))
            for (key, records) in recent[rule] { for r in records { pairs.append((key, r)) } }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            sortedKeys[rule] = pairs.map(\.0)
            sortedRecords[rule] = pairs.map(\.1)
            recent[rule] = [:]
        }
        recentCount = 0
    }

    /// Calls `body` with each record holding `key` under `rule`, unless there are more than
    /// `limit` of them (a block too large to compare); returns false in that case.
    func forEachRecord(rule: Int, key: UInt64, limit: Int, _ body: (Int32) -> Void) -> Bool {
        let keys = sortedKeys[rule]
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < keys.count, keys[end] == key { end += 1 }
        let extra = recent[rule][key]
        if end - lo + (extra?.count ?? 0) > limit { return false }
        let records = sortedRecords[rule]
        for x in lo..<end { body(records[x]) }
        if let extra { for r in extra { body(r) } }
        return true
    }
}
