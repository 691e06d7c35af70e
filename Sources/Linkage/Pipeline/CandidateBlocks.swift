import Dispatch

/// The blocks of every blocking rule: records sorted by key, cut into groups that share it.
///
/// Built once per run before any comparison, so that the pair count of each rule is known
/// (and reported) before the expensive work starts. Contract: a block larger than
/// `refineAbove` is split by the rule's second key (`BlockingRule.refinement`), its records
/// taking the combined key; a block (or part) still larger than the cap is dropped and
/// listed in `capped`. Records in a dropped block lose that rule's key, so no later step
/// treats them as blocked together. Refining keeps the pairs a run compares growing with
/// the number of records, not with its square, so a region links on one machine. Rules are
/// blocked side by side on large runs; the result is the same as blocking them in turn.
struct CandidateBlocks: Sendable {
    struct Block: Sendable {
        let rule: Int
        let start: Int
        let end: Int
        var pairCount: Int { (end - start) * (end - start - 1) / 2 }
    }

    let rules: [BlockingRule]
    let recordCount: Int
    /// `recordKeys[record * keyStride + rule]`, 0 for no key: laid out record by record,
    /// so that finding the rules a pair shares reads two short runs of memory instead of
    /// two scattered reads per rule (the loop around them was a third of comparing's CPU).
    /// The last column of each row, `rules.count`, holds the record's `splitRules` mask:
    /// in the row, it comes with the keys instead of costing a cache miss of its own.
    private(set) var recordKeys: [UInt64]
    var keyStride: Int { rules.count + 1 }
    /// Per rule, record indices sorted by key.
    private(set) var sorted: [[UInt32]]
    private(set) var blocks: [Block]
    private(set) var capped: [CappedBlock]
    private(set) var proposedPairs: [Int]
    /// Per record, bit `rule` set when the record's key for that rule was split.
    var splitRules: [UInt32] {
        (0..<recordCount).map { UInt32(truncatingIfNeeded: recordKeys[$0 * keyStride + rules.count]) }
    }
    /// Per rule, records sharing a key with another record, and those of them in blocks
    /// compared whole (neither split nor dropped).
    private(set) var recordsBlocked: [Int]
    private(set) var recordsInWholeBlocks: [Int]

    /// Runs of at least `sideBySideFrom` records block their rules on all cores; smaller
    /// ones in turn, where starting threads costs more than it saves.
    init(records: StandardisedRecords, rules: [BlockingRule], maximumBlockSize: Int, refineAbove: Int? = nil,
         sideBySideFrom: Int = 50_000) {
        let refineAbove = min(maximumBlockSize, max(2, refineAbove ?? maximumBlockSize))
        // A pair's shared rules are a 32-bit mask (`splitRules`, `PairComparison`).
        precondition(rules.count <= 32, "at most 32 blocking rules")
        self.rules = rules
        let n = records.count
        recordCount = n
        var keys = [UInt64](repeating: 0, count: rules.count * n)
        var refined = [Bool](repeating: false, count: rules.count * n)
        var parts = [RuleBlocks?](repeating: nil, count: rules.count)
        // Each rule sorts its own keys, so rules are blocked side by side on the run's cores,
        // each writing only its own slice of `keys` and `refined`.
        keys.withUnsafeMutableBufferPointer { keys in
            refined.withUnsafeMutableBufferPointer { refined in
                parts.withUnsafeMutableBufferPointer { parts in
                    let shared = RuleSlices(keys: keys, refined: refined, parts: parts)
                    let work: @Sendable (Int) -> Void = { r in
                        var part = RuleBlocks(rule: r, kind: rules[r], keys: shared.keys(r, n), refined: shared.refined(r, n))
                        part.build(records, refineAbove: refineAbove, maximumBlockSize: maximumBlockSize)
                        shared.parts[r] = part
                    }
                    if n < sideBySideFrom || rules.count < 2 {
                        for r in rules.indices { work(r) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: rules.count, execute: work)
                    }
                }
            }
        }
        recordKeys = Self.recordByRecord(keys: keys, refined: refined, rules: rules.count, records: n,
                                                        sideBySide: n >= sideBySideFrom)
        sorted = []
        blocks = []
        capped = []
        proposedPairs = []
        recordsBlocked = []
        recordsInWholeBlocks = []
        for case let part? in parts {
            sorted.append(part.order)
            blocks += part.blocks
            capped += part.capped
            proposedPairs.append(part.proposedPairs)
            recordsBlocked.append(part.recordsBlocked)
            recordsInWholeBlocks.append(part.recordsInWholeBlocks)
        }
    }

    /// Blocks of at least this many pairs are placed largest first when splitting.
    static let largeBlockPairs = 1_000

    /// Splits the blocks into `parts` lists of about equal pair counts: each block goes to
    /// the part with fewest pairs so far, the large blocks first and largest to smallest,
    /// then the small ones (nearly all of them) in their own order. The parts end at most
    /// one small block apart, without sorting millions of blocks on one core (a third of
    /// a second at a million records).
    func partitioned(into parts: Int) -> [[Block]] {
        guard parts > 1 else { return [blocks] }
        var out = [[Block]](repeating: [], count: parts)
        var load = [Int](repeating: 0, count: parts)
        func give(_ block: Block) {
            let target = load.indices.min { load[$0] < load[$1] }!
            out[target].append(block)
            load[target] += block.pairCount
        }
        for block in blocks.filter({ $0.pairCount >= Self.largeBlockPairs }).sorted(by: { $0.pairCount > $1.pairCount }) {
            give(block)
        }
        for block in blocks where block.pairCount < Self.largeBlockPairs { give(block) }
        return out
    }
}

extension CandidateBlocks {
    /// The rules' keys and split flags turned from rule by rule (as each rule's thread
    /// wrote them) to record by record.
    private static func recordByRecord(keys: [UInt64], refined: [Bool], rules: Int, records n: Int,
                                       sideBySide: Bool) -> [UInt64] {
        let stride = rules + 1
        var recordKeys = [UInt64](repeating: 0, count: stride * n)
        let chunk = 8_192
        let chunks = (n + chunk - 1) / chunk
        keys.withUnsafeBufferPointer { keys in
            refined.withUnsafeBufferPointer { refined in
                recordKeys.withUnsafeMutableBufferPointer { recordKeys in
                    let shared = TurnedSlices(keys: keys, refined: refined, recordKeys: recordKeys)
                    // A chunk of records at a time, rule by rule: reads run along each
                    // rule's keys and writes stay within the chunk's rows.
                    let work: @Sendable (Int) -> Void = { c in
                        let records = (c * chunk)..<min(n, (c + 1) * chunk)
                        for r in 0..<rules {
                            for i in records {
                                shared.recordKeys[i * stride + r] = shared.keys[r * n + i]
                                if shared.refined[r * n + i] { shared.recordKeys[i * stride + rules] |= 1 << UInt64(r) }
                            }
                        }
                    }
                    if sideBySide { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
                    else { for c in 0..<chunks { work(c) } }
                }
            }
        }
        return recordKeys
    }
}

/// The arrays shared by the threads that turn the keys record by record; each thread
/// writes only its own chunk of records.
private struct TurnedSlices: @unchecked Sendable {
    let keys: UnsafeBufferPointer<UInt64>
    let refined: UnsafeBufferPointer<Bool>
    let recordKeys: UnsafeMutableBufferPointer<UInt64>
}

/// A block too large to compare pair by pair (a common surname with no second key).
///
/// Contract: its records were not paired by that rule; other rules may still pair them.
public struct CappedBlock: Codable, Sendable, Equatable {
    public var rule: BlockingRule
    public var size: Int
}

/// The run's key and split-flag arrays and the per-rule results, shared by the threads that
/// block rules side by side. Safe because rule `r` reads and writes only its own slices
/// (`r * n ..< (r + 1) * n`) and `parts[r]`, and the arrays outlive `concurrentPerform`.
private struct RuleSlices: @unchecked Sendable {
    let keysOfAll: UnsafeMutableBufferPointer<UInt64>
    let refinedOfAll: UnsafeMutableBufferPointer<Bool>
    let parts: UnsafeMutableBufferPointer<RuleBlocks?>

    init(keys: UnsafeMutableBufferPointer<UInt64>, refined: UnsafeMutableBufferPointer<Bool>,
         parts: UnsafeMutableBufferPointer<RuleBlocks?>) {
        keysOfAll = keys
        refinedOfAll = refined
        self.parts = parts
    }

    func keys(_ r: Int, _ n: Int) -> UnsafeMutableBufferPointer<UInt64> {
        UnsafeMutableBufferPointer(rebasing: keysOfAll[(r * n)..<((r + 1) * n)])
    }

    func refined(_ r: Int, _ n: Int) -> UnsafeMutableBufferPointer<Bool> {
        UnsafeMutableBufferPointer(rebasing: refinedOfAll[(r * n)..<((r + 1) * n)])
    }
}

/// One rule's share of `CandidateBlocks`: its sorted records and blocks, with its keys and
/// split flags written into the slices it was given (no other rule touches them).
private struct RuleBlocks {
    typealias Block = CandidateBlocks.Block
    let rule: Int
    let kind: BlockingRule
    let keys: UnsafeMutableBufferPointer<UInt64>
    let refined: UnsafeMutableBufferPointer<Bool>
    var order: [UInt32] = []
    var blocks: [Block] = []
    var capped: [CappedBlock] = []
    var proposedPairs = 0
    var recordsBlocked = 0
    var recordsInWholeBlocks = 0

    init(rule: Int, kind: BlockingRule, keys: UnsafeMutableBufferPointer<UInt64>, refined: UnsafeMutableBufferPointer<Bool>) {
        self.rule = rule
        self.kind = kind
        self.keys = keys
        self.refined = refined
    }

    mutating func build(_ records: StandardisedRecords, refineAbove: Int, maximumBlockSize: Int) {
        let n = records.count
        // Sort record numbers packed under the top bits of their key: sorting plain
        // integers is several times faster than sorting (key, index) pairs. Two keys
        // that share their top bits only make one block of two (harmless extra pairs).
        let indexBits = max(1, (Swift.max(n, 2) - 1).bitWidth - (Swift.max(n, 2) - 1).leadingZeroBitCount)
        let indexMask: UInt64 = (1 << UInt64(indexBits)) - 1
        var packed: [UInt64] = []
        packed.reserveCapacity(n)
        for i in 0..<n {
            let key = kind.key(records, i)
            keys[i] = key
            if key != 0 { packed.append(key & ~indexMask | UInt64(i)) }
        }
        CandidateBlocks.sortPacked(&packed)
        order.reserveCapacity(packed.count)
        for value in packed { order.append(UInt32(truncatingIfNeeded: value & indexMask)) }
        var start = 0
        while start < packed.count {
            let group = packed[start] & ~indexMask
            var end = start + 1
            while end < packed.count, packed[end] & ~indexMask == group { end += 1 }
            if end - start > 1 { recordsBlocked += end - start }
            if end - start > refineAbove {
                refine(records: records, range: start..<end, indexMask: indexMask, maximumBlockSize: maximumBlockSize)
            } else {
                keep(start: start, end: end, maximumBlockSize: maximumBlockSize)
                if end - start > 1, end - start <= maximumBlockSize { recordsInWholeBlocks += end - start }
            }
            start = end
        }
    }

    private mutating func keep(start: Int, end: Int, maximumBlockSize: Int) {
        let size = end - start
        if size > maximumBlockSize {
            capped.append(CappedBlock(rule: kind, size: size))
            for x in start..<end { keys[Int(order[x])] = 0 }
        } else if size > 1 {
            blocks.append(Block(rule: rule, start: start, end: end))
            proposedPairs += size * (size - 1) / 2
        }
    }

    /// Re-sorts one large block by its records' combined key and keeps each part on its
    /// own; records without the second key lose the rule's key.
    private mutating func refine(records: StandardisedRecords, range: Range<Int>, indexMask: UInt64, maximumBlockSize: Int) {
        var packed: [UInt64] = []
        packed.reserveCapacity(range.count)
        var missing: [UInt32] = []
        for x in range {
            let i = Int(order[x])
            let second = kind.refinement(records, i)
            if second == 0 {
                keys[i] = 0
                missing.append(order[x])
                continue
            }
            let key = TextFolding.combine(keys[i], second) | 1
            keys[i] = key
            refined[i] = true
            packed.append(key & ~indexMask | UInt64(i))
        }
        CandidateBlocks.sortPacked(&packed)
        // The parts first, then the records that left the block, all within its old range.
        var x = range.lowerBound
        for value in packed { order[x] = UInt32(truncatingIfNeeded: value & indexMask); x += 1 }
        for record in missing { order[x] = record; x += 1 }
        var start = 0
        while start < packed.count {
            let group = packed[start] & ~indexMask
            var end = start + 1
            while end < packed.count, packed[end] & ~indexMask == group { end += 1 }
            keep(start: range.lowerBound + start, end: range.lowerBound + end, maximumBlockSize: maximumBlockSize)
            start = end
        }
    }
}

extension CandidateBlocks {
    /// Sorts packed keys (key bits over record number, so all distinct) in ascending order,
    /// as `sort()` would, but by counting on 11 bits at a time: about five times faster on
    /// the million-key arrays of a large run, where blocking is mostly sorting.
    static func sortPacked(_ values: inout [UInt64]) {
        let n = values.count
        if n < 2_048 { values.sort(); return }
        let bits = 11, buckets = 1 << 11, passes = 6  // 66 bits cover the 64; an even count ends in `values`
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: buckets * passes)
        values.withUnsafeMutableBufferPointer { values in
            scratch.withUnsafeMutableBufferPointer { scratch in
                counts.withUnsafeMutableBufferPointer { counts in
                    for value in values {
                        var rest = value
                        for pass in 0..<passes {
                            counts[pass * buckets + Int(rest & UInt64(buckets - 1))] += 1
                            rest >>= UInt64(bits)
                        }
                    }
                    var from = values, to = scratch
                    for pass in 0..<passes {
                        let base = pass * buckets
                        var total = 0
                        for digit in 0..<buckets { let count = counts[base + digit]; counts[base + digit] = total; total += count }
                        let shift = UInt64(pass * bits)
                        for value in from {
                            let slot = base + Int((value >> shift) & UInt64(buckets - 1))
                            to[counts[slot]] = value
                            counts[slot] += 1
                        }
                        swap(&from, &to)
                    }
                }
            }
        }
    }
}
