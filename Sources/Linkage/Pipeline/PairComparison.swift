/// The result of comparing one share of the candidate blocks: every new pair with its
/// comparison pattern, and the pattern counts EM trains on.
///
/// Contract: each unordered pair appears once across all shares: a pair is kept only by
/// the first rule (in rule order) that blocks it together. `counts[r]` counts the patterns
/// of pairs that rule `r` blocks together in a block it did not split (whichever rule kept
/// them), the pairs EM trains on; `counts[rules.count]` counts all kept pairs.
struct PairComparison: Sendable {
    /// One worker's pairs (`i << 32 | j`) and their patterns.
    struct Chunk: Sendable {
        var pairs: [UInt64] = []
        var patterns: [UInt32] = []
    }

    /// Kept per worker rather than concatenated, so that no second copy of the largest
    /// arrays of a run is ever made.
    var chunks: [Chunk] = []
    var pairCount: Int { chunks.reduce(0) { $0 + $1.pairs.count } }
    var newPairsByRule: [Int]
    /// Dense counts per rule (index = pattern code), or empty when counted sparsely.
    var counts: [[UInt32]]
    /// Sparse counts per rule, used for small jobs where dense arrays cost more than they save.
    var sparseCounts: [[UInt32: UInt32]]

    init(ruleCount: Int) {
        newPairsByRule = [Int](repeating: 0, count: ruleCount)
        counts = [[UInt32]](repeating: [], count: ruleCount + 1)
        sparseCounts = [[UInt32: UInt32]](repeating: [:], count: ruleCount + 1)
    }

    static let denseThreshold = 200_000

    /// Pattern counts of rule `r` (or of all pairs for `r == ruleCount`) as (pattern, count).
    func patternCounts(_ r: Int) -> [(pattern: UInt32, count: Double)] {
        var merged: [UInt32: Double] = [:]
        for (pattern, count) in sparseCounts[r] { merged[pattern, default: 0] += Double(count) }
        for (pattern, count) in counts[r].enumerated() where count > 0 { merged[UInt32(pattern), default: 0] += Double(count) }
        return merged.map { (pattern: $0.key, count: $0.value) }.sorted { $0.pattern < $1.pattern }
    }

    /// Compares every pair in `blocks`.
    static func run(blocks: [CandidateBlocks.Block], index: CandidateBlocks, comparator: RecordComparator) -> PairComparison {
        let ruleCount = index.rules.count
        var result = PairComparison(ruleCount: ruleCount)
        var chunk = Chunk()
        let totalPairs = blocks.reduce(0) { $0 + $1.pairCount }
        guard totalPairs > 0 else { return result }
        let dense = totalPairs >= denseThreshold
        let space = dense ? ComparisonField.patternSpace : 1
        var sparse = [[UInt32: UInt32]](repeating: [:], count: ruleCount + 1)
        var counts = [UInt32](repeating: 0, count: space * (ruleCount + 1))
        chunk.pairs.reserveCapacity(totalPairs)
        chunk.patterns.reserveCapacity(totalPairs)
        let stride = index.keyStride
        index.recordKeys.withUnsafeBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for block in blocks {
                    let order = index.sorted[block.rule]
                    for x in block.start..<block.end {
                        let p = Int(order[x])
                        for y in (x + 1)..<block.end {
                            let q = Int(order[y])
                            let i = min(p, q), j = max(p, q)
                            let rowI = i * stride, rowJ = j * stride
                            // Blocks are cut on the top bits of the key; skip the rare pair
                            // whose full keys differ, so every pair still comes once.
                            if keys[rowI + block.rule] != keys[rowJ + block.rule] { continue }
                            var duplicate = false
                            var shared: UInt32 = 0
                            for r in 0..<ruleCount {
                                let k = keys[rowI + r]
                                if k != 0, k == keys[rowJ + r] {
                                    if r < block.rule { duplicate = true; break }
                                    shared |= 1 << UInt32(r)
                                }
                            }
                            if duplicate { continue }
                            var mask = shared & ~UInt32(truncatingIfNeeded: keys[rowI + ruleCount])
                            // Rules before this block's rule never agree here (else duplicate).
                            let pattern = comparator.pattern(i, j)
                            chunk.pairs.append(UInt64(i) << 32 | UInt64(j))
                            chunk.patterns.append(pattern)
                            result.newPairsByRule[block.rule] += 1
                            if dense {
                                counts[ruleCount * space + Int(pattern)] &+= 1
                            } else {
                                sparse[ruleCount][pattern, default: 0] &+= 1
                            }
                            while mask != 0 {
                                let r = mask.trailingZeroBitCount
                                if dense { counts[r * space + Int(pattern)] &+= 1 } else { sparse[r][pattern, default: 0] &+= 1 }
                                mask &= mask - 1
                            }
                        }
                    }
                }
            }
        }
        if dense {
            for r in 0...ruleCount { result.counts[r] = Array(counts[(r * space)..<((r + 1) * space)]) }
        }
        result.sparseCounts = sparse
        result.chunks = [chunk]
        return result
    }

    mutating func absorb(_ other: PairComparison) {
        chunks += other.chunks
        for r in newPairsByRule.indices { newPairsByRule[r] += other.newPairsByRule[r] }
        for r in sparseCounts.indices {
            for (pattern, count) in other.sparseCounts[r] { sparseCounts[r][pattern, default: 0] &+= count }
        }
        for r in counts.indices {
            if counts[r].isEmpty { counts[r] = other.counts[r]; continue }
            if other.counts[r].isEmpty { continue }
            for p in counts[r].indices { counts[r][p] &+= other.counts[r][p] }
        }
    }
}
