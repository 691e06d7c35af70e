/// Links encoded records at the hub without any name: Bloom-filter blocking, Dice
/// scoring, a threshold estimated from the similarities themselves, and clustering that
/// keeps the cannot-link rule (see `BitBlocking`, `DiceThreshold`, `EncodedClusterer`).
///
/// Use `link(_:settings:tasks:)` on all partners' records at once. Contract: the same
/// records and settings give the same people; nothing here sees or needs the secret.
public enum EncodedLinker {
    public struct Settings: Sendable {
        public var blocking = BitBlocking()
        /// A fixed threshold instead of the estimated one.
        public var threshold: Double?
        /// Pairs below this are counted for the estimate but never kept.
        public var keepFloor = 0.6
        /// How far below the threshold two people's average Dice may be for them to join.
        public var chainMargin = 0.03
        public init() {}
    }

    public struct Result: Sendable {
        public var personOf: [Int]
        public var people: Int
        public var estimate: DiceThreshold
        public var threshold: Double
        /// Distinct pairs compared.
        public var comparedPairs: Int
        public var linkedPairs: Int
        /// Records that sat in a band bucket over the cap (compared through other bands only).
        public var recordsInCappedBuckets: Int
        public var refusedByCannotLink: Int
        /// Joins refused because the two people's records were on average too unlike.
        public var refusedAsChains: Int
        /// Pairs at or above the threshold: (record, record, Dice).
        public var pairs: [(Int32, Int32, Float)]
        public var stageSeconds: [String: Double]
        /// Compared pairs by Dice, in 1,000 bins of 0.001.
        public var histogram: [Int]
        /// Records by their best Dice with any candidate, in 1,000 bins: what the threshold is fitted to.
        public var bestHistogram: [Int]
    }

    struct BandOutput: Sendable {
        var histogram = [Int](repeating: 0, count: 1_000)
        /// Each record's best Dice with any candidate (-1: none).
        var best: [Float]
        var pairs: [(Int32, Int32, Float)] = []
        var compared = 0
        var capped = 0
    }

    public static func link(_ records: EncodedRecords, settings: Settings = Settings(), tasks: Int = 2,
                            clock: @Sendable () -> Double = { 0 }) async -> Result {
        var stages: [String: Double] = [:]
        var mark = clock()
        func stage(_ name: String) { let now = clock(); stages[name] = now - mark; mark = now }
        let n = records.count
        let blocking = settings.blocking
        let orders = blocking.orders(bits: records.bits)
        let keys = KeyTable(count: blocking.bands * n)
        defer { keys.deallocate() }
        let tasks = max(1, tasks)
        await withTaskGroup(of: Void.self) { group in
            let size = (n + tasks - 1) / tasks
            for t in 0..<tasks where t * size < n {
                group.addTask { blocking.keys(records, range: (t * size)..<min(n, (t + 1) * size), orders: orders, into: keys.base) }
            }
        }
        stage("min-hash")
        let outputs = await withTaskGroup(of: BandOutput.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var out = BandOutput(best: [Float](repeating: -1, count: n))
                    for band in stride(from: t, to: blocking.bands, by: tasks) {
                        compare(band: band, records: records, keys: keys, blocking: blocking, floor: settings.keepFloor, into: &out)
                    }
                    return out
                }
            }
            var all: [BandOutput] = []
            for await out in group { all.append(out) }
            return all
        }
        stage("block and score")
        var histogram = [Int](repeating: 0, count: 1_000)
        for out in outputs { for b in 0..<1_000 { histogram[b] += out.histogram[b] } }
        // The threshold is fitted to each record's best similarity, not to all candidate pairs:
        // chance pairs grow with N² but best matches with N, so this histogram keeps its
        // shape (records with a match near 1, records without one lower) at any size.
        var bestHistogram = [Int](repeating: 0, count: 1_000)
        for i in 0..<n {
            let best = outputs.reduce(Float(-1)) { max($0, $1.best[i]) }
            if best >= 0 { bestHistogram[min(999, Int(best * 1_000))] += 1 }
        }
        let estimate = DiceThreshold.estimate(histogram: bestHistogram)
        let threshold = max(settings.keepFloor, settings.threshold ?? estimate.threshold)
        var pairs = outputs.flatMap { $0.pairs.filter { Double($0.2) >= threshold } }
        pairs.sort { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        stage("threshold")
        var clusterer = EncodedClusterer(records: records)
        clusterer.averageFloor = threshold - settings.chainMargin
        for (a, b, _) in pairs { clusterer.join(a, b, records: records) }
        let (personOf, people) = clusterer.people()
        stage("cluster")
        return Result(personOf: personOf, people: people, estimate: estimate, threshold: threshold,
                      comparedPairs: outputs.reduce(0) { $0 + $1.compared }, linkedPairs: pairs.count,
                      recordsInCappedBuckets: outputs.reduce(0) { $0 + $1.capped },
                      refusedByCannotLink: clusterer.refused, refusedAsChains: clusterer.refusedAsChain, pairs: pairs, stageSeconds: stages,
                      histogram: histogram, bestHistogram: bestHistogram)
    }

    /// One band: sort its keys, and compare the records in each bucket that no earlier band
    /// already paired (so every distinct pair is scored and counted once).
    static func compare(band: Int, records: EncodedRecords, keys: KeyTable, blocking: BitBlocking, floor: Double,
                        into out: inout BandOutput) {
        let n = records.count
        let k = keys.base
        var entries: [(UInt64, Int32)] = []
        entries.reserveCapacity(n)
        for i in 0..<n where k[band * n + i] != 0 { entries.append((k[band * n + i], Int32(i))) }
        entries.sort { $0.0 < $1.0 }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].0 == entries[start].0 { end += 1 }
            let size = end - start
            if size > blocking.maxBlock {
                out.capped += size
            } else if size > 1 {
                for x in start..<(end - 1) {
                    let i = Int(entries[x].1)
                    for y in (x + 1)..<end {
                        let j = Int(entries[y].1)
                        var seen = false
                        for earlier in 0..<band where k[earlier * n + i] == k[earlier * n + j] { seen = true; break }
                        if seen { continue }
                        let dice = records.dice(i, j)
                        out.compared += 1
                        out.histogram[min(999, Int(dice * 1_000))] += 1
                        let d = Float(dice)
                        if d > out.best[i] { out.best[i] = d }
                        if d > out.best[j] { out.best[j] = d }
                        if dice >= floor { out.pairs.append((Int32(min(i, j)), Int32(max(i, j)), Float(dice))) }
                    }
                }
            }
            start = end
        }
    }
}

/// The band keys of every record, written by several tasks into disjoint ranges.
// @unchecked: each task writes only its own records' slots before any task reads them
// (the writing task group finishes first), and the table is freed after both stages.
final class KeyTable: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt64>
    init(count: Int) {
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: 0, count: max(1, count))
    }
    func deallocate() { base.deallocate() }
}
