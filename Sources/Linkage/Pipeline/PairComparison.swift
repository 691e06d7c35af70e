/// The result of comparing one share of the candidate blocks: every new pair with its
/// comparison pattern, and the pattern counts EM trains on.
///
/// Contract: each unordered pair appears once across all shares: a pair is kept only by
/// the first rule (in rule order) that blocks it together. `patternCounts(r)` counts the
/// patterns of pairs that rule `r` blocks together in a block it did not split (whichever
/// rule kept them), the pairs EM trains on; `patternCounts(rules.count)` counts all kept pairs.
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
    private var tally = PatternTally()

    init(ruleCount: Int) {
        newPairsByRule = [Int](repeating: 0, count: ruleCount)
    }

    /// From this many compared pairs on, scoring reads a table of every pattern's weight.
    static let denseThreshold = 200_000

    /// Pattern counts of rule `r` (or of all pairs for `r == ruleCount`) as (pattern, count).
    func patternCounts(_ r: Int) -> [(pattern: UInt32, count: Double)] {
        tally.counts(rule: r)
    }

    /// Compares every pair in `blocks`.
    static func run(blocks: [CandidateBlocks.Block], index: CandidateBlocks, comparator: RecordComparator) -> PairComparison {
        let ruleCount = index.rules.count
        var result = PairComparison(ruleCount: ruleCount)
        var chunk = Chunk()
        let totalPairs = blocks.reduce(0) { $0 + $1.pairCount }
        guard totalPairs > 0 else { return result }
        var tally = PatternTally(slots: min(totalPairs, 1 << 16))
        chunk.pairs.reserveCapacity(totalPairs)
        chunk.patterns.reserveCapacity(totalPairs)
        let stride = index.keyStride
        index.recordKeys.withUnsafeBufferPointer { keys in
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
                        tally.add(rule: ruleCount, pattern: pattern)
                        while mask != 0 {
                            tally.add(rule: mask.trailingZeroBitCount, pattern: pattern)
                            mask &= mask - 1
                        }
                    }
                }
            }
        }
        result.tally = tally
        result.chunks = [chunk]
        return result
    }

    mutating func absorb(_ other: PairComparison) {
        chunks += other.chunks
        for r in newPairsByRule.indices { newPairsByRule[r] += other.newPairsByRule[r] }
        tally.add(other.tally)
    }
}
