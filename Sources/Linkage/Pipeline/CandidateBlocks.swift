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
            // Sort record numbers packed under the top bits of their key: sorting plain
            // integers is several times faster than sorting (key, index) pairs. Two keys
            // that share their top bits only make one block of two (harmless extra pairs).
            let indexBits = max(1, (Swift.max(n, 2) - 1).bitWidth - (Swift.max(n, 2) - 1).leadingZeroBitCount)
            let indexMask: UInt64 = (1 << UInt64(indexBits)) - 1
            var packed: [UInt64] = []
            packed.reserveCapacity(n)
            for i in 0..<n {
                let key = rule.key(records, i)
                keys[r * n + i] = key
                if key != 0 { packed.append(key & ~indexMask | UInt64(i)) }
            }
            packed.sort()
            var order = [UInt32]()
            order.reserveCapacity(packed.count)
            for value in packed { order.append(UInt32(truncatingIfNeeded: value & indexMask)) }
            var start = 0
            while start < packed.count {
                let group = packed[start] & ~indexMask
                var end = start + 1
                while end < packed.count, packed[end] & ~indexMask == group { end += 1 }
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
