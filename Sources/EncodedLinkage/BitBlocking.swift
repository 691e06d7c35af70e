/// Candidate pairs from locality-sensitive hashing of the CLKs' set bits, so that the
/// linker compares the pairs likely to match instead of all N² pairs.
///
/// Each band takes `rows` min-hashes: for a random order of the bit positions, the first
/// position set in the CLK. Two CLKs agree on one min-hash with probability equal to their
/// Jaccard similarity, so near-identical encodings share a band key far more often than
/// unrelated ones. Records that share a band key are candidates. Use `bands` for recall
/// and `rows` for selectivity; `maxBlock` caps a band bucket (records with almost no bits
/// set fall together) and the cap is reported, never silent.
/// Contract: randomness comes only from `seed`; the same input and settings give the same keys.
public struct BitBlocking: Sendable {
    public var bands: Int
    public var rows: Int
    public var maxBlock: Int
    public var seed: UInt64

    /// The defaults are tuned on the generator's records under `docs/pprl-schema-weighted.json`
    /// (`lantern bench link-encoded`, seeds 7 and 11): 9 min-hashes a band keep chance pairs
    /// rare, and 80 bands find a same-person pair at Dice 0.8 (Jaccard 0.67) with probability
    /// 1 - (1 - 0.67^9)^80 = 0.88, where 60 bands of 10 found only 0.65 of them; about 13
    /// pairs are compared per record.
    public init(bands: Int = 80, rows: Int = 9, maxBlock: Int = 2_000, seed: UInt64 = 1) {
        self.bands = bands
        self.rows = rows
        self.maxBlock = maxBlock
        self.seed = seed
    }

    /// The random orders of bit positions, one per min-hash.
    func orders(bits: Int) -> [[Int32]] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<(bands * rows)).map { _ in
            var order = (0..<Int32(bits)).map { $0 }
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(next() % UInt64(i + 1)))
            }
            return order
        }
    }

    /// Band keys of every record: `keys[band * count + record]`; 0 for an empty CLK (never a candidate).
    func keys(_ records: EncodedRecords, range: Range<Int>, orders: [[Int32]], into keys: UnsafeMutablePointer<UInt64>) {
        let n = records.count
        records.words.withUnsafeBufferPointer { words in
            let wpr = records.wordsPerRecord
            for record in range {
                let base = record * wpr
                guard records.popcounts[record] > 0 else {
                    for band in 0..<bands { keys[band * n + record] = 0 }
                    continue
                }
                for band in 0..<bands {
                    var key: UInt64 = 0xCBF2_9CE4_8422_2325 &+ UInt64(band)
                    for row in 0..<rows {
                        let order = orders[band * rows + row]
                        var first: Int32 = -1
                        for position in order {
                            let p = Int(position)
                            if words[base + p >> 6] & (1 << UInt64(63 - p & 63)) != 0 { first = position; break }
                        }
                        key = (key ^ UInt64(UInt32(bitPattern: first))) &* 0x100_0000_01B3
                        key ^= key >> 29
                    }
                    keys[band * n + record] = key | 1
                }
            }
        }
    }
}
