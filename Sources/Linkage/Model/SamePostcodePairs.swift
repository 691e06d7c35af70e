/// How often two different people share one full postcode, and how often, when they do,
/// they share the house too: u for "same address" without waiting for random pairs to hit it.
///
/// Among millions of records two random records share an address about once in a million
/// pairs, so a sample of 600,000 random pairs sees it once or not at all, and the address
/// weight swung by five bits between runs. Here the chance of one full postcode is counted
/// exactly from the records, and the chance of the same house given the postcode comes from
/// pairs drawn inside postcodes, where it is common enough to measure. Only pairs whose
/// dates of birth disagree outright count, so that one person's own records (which share
/// an address far more often than relatives do) do not pass for different people.
/// Contract: deterministic for a given generator state; `nil` when too few pairs qualify,
/// and the caller keeps its random-pair estimate.
struct SamePostcodePairs: Sendable {
    /// Share of all pairs of records whose full postcodes are equal.
    let samePostcodeShare: Double
    /// Pairs drawn inside postcodes whose dates of birth disagree: the pairs the levels count.
    let considered: Int
    /// Of those, how many fell at each address level (by level).
    let addressLevels: [Int]

    /// At least this many qualifying pairs, or the estimate is no steadier than the sample's.
    static let minimumConsidered = 1_000
    /// Date-of-birth levels that say two people, whatever their names and address.
    static let birthDatesDisagree: ClosedRange<Int> = 4...6

    /// Share of same-postcode pairs at `level`, as a share of all pairs.
    func share(of level: Int) -> Double {
        considered == 0 ? 0 : samePostcodeShare * Double(addressLevels[level]) / Double(considered)
    }

    /// Draws `pairs` pairs uniformly from the pairs sharing a full postcode.
    static func sample<R: RandomNumberGenerator>(
        comparator: RecordComparator, pairs: Int, random: inout R
    ) -> SamePostcodePairs? {
        let records = comparator.records
        let n = records.count
        // A key is the packed postcode (36 bits) over the record index (28 bits).
        guard n >= 2, n < 1 << 28, pairs > 0 else { return nil }
        var keys: [UInt64] = []
        keys.reserveCapacity(n)
        for index in 0..<n {
            let code = records.postcode[index]
            if Postcode(packed: code).isFullUnit { keys.append(code << 28 | UInt64(index)) }
        }
        keys.sort()
        // Groups of one postcode, with the running count of pairs inside them.
        var starts: [Int] = [], sizes: [Int] = [], runningPairs: [Int] = []
        var total = 0
        var start = 0
        while start < keys.count {
            let postcode = keys[start] >> 28
            var end = start + 1
            while end < keys.count, keys[end] >> 28 == postcode { end += 1 }
            let size = end - start
            if size >= 2 {
                total += size * (size - 1) / 2
                starts.append(start); sizes.append(size); runningPairs.append(total)
            }
            start = end
        }
        guard total > 0 else { return nil }
        let field = ComparisonField.address
        var levels = [Int](repeating: 0, count: field.levelCount)
        var considered = 0
        let mask: UInt64 = (1 << 28) - 1
        for _ in 0..<pairs {
            let draw = Int.random(in: 0..<total, using: &random)
            let group = Self.firstAbove(draw, in: runningPairs)
            let size = sizes[group]
            let i = Int.random(in: 0..<size, using: &random)
            var j = Int.random(in: 0..<(size - 1), using: &random)
            if j >= i { j += 1 }
            let a = Int(keys[starts[group] + i] & mask), b = Int(keys[starts[group] + j] & mask)
            let pattern = ComparisonPattern(code: comparator.pattern(a, b))
            guard birthDatesDisagree.contains(pattern.level(of: .dateOfBirth)) else { continue }
            considered += 1
            levels[pattern.level(of: field)] += 1
        }
        guard considered >= minimumConsidered else { return nil }
        let allPairs = Double(n) * Double(n - 1) / 2
        return SamePostcodePairs(samePostcodeShare: Double(total) / allPairs, considered: considered, addressLevels: levels)
    }

    /// The first index whose running total exceeds `value`.
    private static func firstAbove(_ value: Int, in running: [Int]) -> Int {
        var low = 0, high = running.count - 1
        while low < high {
            let middle = (low + high) / 2
            if running[middle] > value { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
