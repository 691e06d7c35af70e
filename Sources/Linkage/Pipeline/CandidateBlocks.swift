/// The blocks of every blocking rule: records sorted by key, cut into groups that share it.
///
/// Built once per run before any comparison, so that the pair count of each rule is known
/// (and reported) before the expensive work starts. Contract: a block larger than
/// `refineAbove` is split by the rule's second key (`BlockingRule.refinement`), its records
/// taking the combined key; a block (or part) still larger than the cap is dropped and
/// listed in `capped`. Records in a dropped block lose that rule's key, so no later step
/// treats them as blocked together. Refining keeps the pairs a run compares growing with
/// the number of records, not with its square, so a region links on one machine.
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
    /// `refined[rule * recordCount + record]`: the record's key for that rule was split.
    private(set) var refined: [Bool]
    /// Per rule, records sharing a key with another record, and those of them in blocks
    /// compared whole (neither split nor dropped).
    private(set) var recordsBlocked: [Int]
    private(set) var recordsInWholeBlocks: [Int]

    init(records: StandardisedRecords, rules: [BlockingRule], maximumBlockSize: Int, refineAbove: Int? = nil) {
        let refineAbove = min(maximumBlockSize, max(2, refineAbove ?? maximumBlockSize))
        self.rules = rules
        let n = records.count
        recordCount = n
        keys = [UInt64](repeating: 0, count: rules.count * n)
        sorted = []
        blocks = []
        capped = []
        proposedPairs = [Int](repeating: 0, count: rules.count)
        refined = [Bool](repeating: false, count: rules.count * n)
        recordsBlocked = [Int](repeating: 0, count: rules.count)
        recordsInWholeBlocks = [Int](repeating: 0, count: rules.count)
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
                if end - start > 1 { recordsBlocked[r] += end - start }
                if end - start > refineAbove {
                    refine(rule: r, records: records, order: &order, range: start..<end, indexMask: indexMask,
                           maximumBlockSize: maximumBlockSize)
                } else {
                    keep(rule: r, start: start, end: end, order: order, maximumBlockSize: maximumBlockSize)
                    if end - start > 1, end - start <= maximumBlockSize { recordsInWholeBlocks[r] += end - start }
                }
                start = end
            }
            sorted.append(order)
        }
    }

    private mutating func keep(rule r: Int, start: Int, end: Int, order: [UInt32], maximumBlockSize: Int) {
        let size = end - start
        if size > maximumBlockSize {
            capped.append(CappedBlock(rule: rules[r], size: size))
            for x in start..<end { keys[r * recordCount + Int(order[x])] = 0 }
        } else if size > 1 {
            blocks.append(Block(rule: r, start: start, end: end))
            proposedPairs[r] += size * (size - 1) / 2
        }
    }

    /// Re-sorts one large block by its records' combined key and keeps each part on its
    /// own; records without the second key lose the rule's key.
    private mutating func refine(rule r: Int, records: StandardisedRecords, order: inout [UInt32], range: Range<Int>,
                                 indexMask: UInt64, maximumBlockSize: Int) {
        let n = recordCount
        let rule = rules[r]
        var packed: [UInt64] = []
        packed.reserveCapacity(range.count)
        var missing: [UInt32] = []
        for x in range {
            let i = Int(order[x])
            let second = rule.refinement(records, i)
            if second == 0 {
                keys[r * n + i] = 0
                missing.append(order[x])
                continue
            }
            let key = TextFolding.combine(keys[r * n + i], second) | 1
            keys[r * n + i] = key
            refined[r * n + i] = true
            packed.append(key & ~indexMask | UInt64(i))
        }
        packed.sort()
        // The parts first, then the records that left the block, all within its old range.
        var x = range.lowerBound
        for value in packed { order[x] = UInt32(truncatingIfNeeded: value & indexMask); x += 1 }
        for record in missing { order[x] = record; x += 1 }
        var start = 0
        while start < packed.count {
            let group = packed[start] & ~indexMask
            var end = start + 1
            while end < packed.count, packed[end] & ~indexMask == group { end += 1 }
            keep(rule: r, start: range.lowerBound + start, end: range.lowerBound + end, order: order,
                 maximumBlockSize: maximumBlockSize)
            start = end
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
