/// Encoded records from every partner, flattened for the linker's hot loops: each CLK is
/// `wordsPerRecord` 64-bit words in one array, with its popcount, partner and (when the
/// partner gave one) the partner's own person number.
///
/// Contract: every CLK has the same length, a multiple of 64 bits is not required (the
/// last word is zero-padded); `partnerPerson` is -1 where the partner gave none.
public struct EncodedRecords: Sendable {
    public private(set) var recordIDs: [String] = []
    public private(set) var partners: [String] = []
    public private(set) var partnerOf: [Int32] = []
    public private(set) var partnerPerson: [Int32] = []
    public private(set) var words: [UInt64] = []
    public private(set) var popcounts: [UInt16] = []
    public let bits: Int
    public let wordsPerRecord: Int
    private var partnerIndex: [String: Int32] = [:]
    private var personNumbers: [String: Int32] = [:]

    public init(bits: Int) {
        self.bits = bits
        wordsPerRecord = (bits + 63) / 64
    }

    public var count: Int { recordIDs.count }

    /// Adds one record; `partnerPersonID` is the partner's own id for the person, if given.
    public mutating func append(recordID: String, partner: String, clk: CLK, partnerPersonID: String? = nil) {
        precondition(clk.bytes.count * 8 == bits, "CLK length is checked when it is read")
        let p: Int32
        if let known = partnerIndex[partner] { p = known } else {
            p = Int32(partners.count)
            partners.append(partner)
            partnerIndex[partner] = p
        }
        recordIDs.append(recordID)
        partnerOf.append(p)
        if let partnerPersonID, !partnerPersonID.isEmpty {
            let key = "\(p):\(partnerPersonID)"
            if let n = personNumbers[key] { partnerPerson.append(n) } else {
                let n = Int32(personNumbers.count)
                personNumbers[key] = n
                partnerPerson.append(n)
            }
        } else {
            partnerPerson.append(-1)
        }
        var count = 0
        for w in 0..<wordsPerRecord {
            var word: UInt64 = 0
            for b in 0..<8 {
                let index = w * 8 + b
                // Byte order within a word does not matter to popcounts; keep clkhash's byte order.
                word |= UInt64(index < clk.bytes.count ? clk.bytes[index] : 0) << UInt64(8 * (7 - b))
            }
            count += word.nonzeroBitCount
            words.append(word)
        }
        popcounts.append(UInt16(count))
    }

    /// Bit `position` of record `record` (clkhash order: position 0 is the first byte's top bit).
    @inline(__always)
    func bit(_ record: Int, _ position: Int) -> Bool {
        words[record * wordsPerRecord + position >> 6] & (1 << UInt64(63 - position & 63)) != 0
    }

    /// Dice similarity 2|a ∧ b| / (|a| + |b|) of two records; 0 when both are empty.
    @inline(__always)
    public func dice(_ a: Int, _ b: Int) -> Double {
        let total = Int(popcounts[a]) + Int(popcounts[b])
        guard total > 0 else { return 0 }
        return words.withUnsafeBufferPointer { w in
            var common = 0
            let x = a * wordsPerRecord, y = b * wordsPerRecord
            for k in 0..<wordsPerRecord { common += (w[x + k] & w[y + k]).nonzeroBitCount }
            return Double(2 * common) / Double(total)
        }
    }
}
