/// The blocks of every blocking rule: records sorted by key, cut into groups that share it.
///
/// Built once per run before any comparison, so that the pair count of each rule is known
/// (and reported) before the expensive work starts. Contract: blocks larger than the cap
/// are dropped and listed in `capped`; records in a dropped block lose that rule's key, so
/// no later step treats them as blocked together.
struct CandidateBlocks: Sendable {
    struct Block: Sendable {
        let rule: Int
        let start: Int
        let end: Int
        var pairCount: Int { (end - start) * (end - start - 1) / 2 }
    }

    let rules: [BlockingRule]
    let recordCount: Int
    /// `keys[rule * recordCount + record]`, 0 for no key.
    private(set) var keys: [UInt64]
    /// Per rule, record indices sorted by key.
    private(set) var sorted: [[UInt32]]
    private(set) var blocks: [Block]
    private(set) var capped: [CappedBlock]
    private(set) var proposedPairs: [Int]

    init(records: StandardisedRecords, rules: [BlockingRule], maximumBlockSize: Int) {
        self.rules = rules
        let n = records.count
        recordCount = n
        keys = [UInt64](repeating: 0, count: rules.count * n)
        sorted = []
        blocks = []
        capped = []
        proposedPairs = [Int](repeating: 0, count: rules.count)
        for (r, rule) in rules.enumerated() {
            var keyed: [(key: UInt64, index: UInt32)] = []
            keyed.reserveCapacity(n)
            for i in 0..<n {
                let key = rule.key(records, i)
                keys[r * n + i] = key
                if key != 0 { keyed.append((key, UInt32(i))) }
            }
            keyed.sort { $0.key < $1.key }
            var order = [UInt32]()
            order.reserveCapacity(keyed.count)
            for item in keyed { order.append(item.index) }
            var start = 0
            while start < keyed.count {
                var end = start + 1
                while end < keyed.count, keyed[end].key == keyed[start].key { end += 1 }
                let size = end - start
                if size > maximumBlockSize {
                    capped.append(CappedBlock(rule: rule, size: size))
                    for x in start..<end { keys[r * n + Int(order[x])] = 0 }
                } else if size > 1 {
                    blocks.append(Block(rule: r, start: start, end: end))
                    proposedPairs[r] += size * (size - 1) / 2
                }
                start = end
            }
            sorted.append(order)
        }
    }

    /// Splits the blocks into `parts` lists of about equal pair counts.
    func partitioned(into parts: Int) -> [[Block]] {
        guard parts > 1 else { return [blocks] }
        var out = [[Block]](repeating: [], count: parts)
        var load = [Int](repeating: 0, count: parts)
        for block in blocks.sorted(by: { $0.pairCount > $1.pairCount }) {
            let target = load.indices.min { load[$0] < load[$1] }!
            out[target].append(block)
            load[target] += block.pairCount
        }
        return out
    }
}

/// A block too large to compare pair by pair (a common surname with no second key).
///
/// Contract: its records were not paired by that rule; other rules may still pair them.
public struct CappedBlock: Codable, Sendable, Equatable {
    public var rule: BlockingRule
    public var size: Int
}
