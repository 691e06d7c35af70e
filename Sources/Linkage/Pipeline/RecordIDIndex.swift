/// A run's record ids, checked for repeats and searchable for reviewers' decisions.
///
/// A dictionary of a million ids cost a third of a second on one core before blocking
/// could start, for a check that nearly always passes and for lookups that only a few
/// decisions need. So the ids are hashed (FNV-1a), packed with their record numbers and
/// sorted by counting; only ids whose hashes agree are compared as text.
///
/// Contract: `init` throws `duplicateRecordID` naming the same id a dictionary filled in
/// input order would have met first; `index(of:)` is that dictionary's answer.
struct RecordIDIndex: Sendable {
    /// Hash bits above, record number below.
    private static let numberBits: UInt64 = 24
    private let ids: [String]
    private let hash: @Sendable (String) -> UInt64
    private let sorted: [UInt64]
    /// Used instead when the record numbers do not fit beside the hash.
    private let byID: [String: Int]

    /// `hash` is FNV-1a of the id's bytes; tests pass a poor one to make ids share hashes.
    init(_ ids: [String], hash: @escaping @Sendable (String) -> UInt64 = { TextFolding.hash($0.utf8) }) throws(LinkageError) {
        self.ids = ids
        self.hash = hash
        guard ids.count < 1 << Self.numberBits else {
            var index: [String: Int] = [:]
            index.reserveCapacity(ids.count)
            for (i, id) in ids.enumerated() where index.updateValue(i, forKey: id) != nil {
                throw LinkageError(code: .duplicateRecordID, recordID: id)
            }
            sorted = []
            byID = index
            return
        }
        var keys = [UInt64](unsafeUninitializedCapacity: ids.count) { keys, written in
            for (i, id) in ids.enumerated() { keys[i] = Self.key(hash: hash(id), number: i) }
            written = ids.count
        }
        CandidateBlocks.sortPacked(&keys)
        sorted = keys
        byID = [:]
        if let repeated = firstRepeat() { throw LinkageError(code: .duplicateRecordID, recordID: ids[repeated]) }
    }

    /// The record number of `id`, or nil when no record has it.
    func index(of id: String) -> Int? {
        if sorted.isEmpty { return byID[id] }
        let hashBits = Self.key(hash: hash(id), number: 0)
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < hashBits { low = middle + 1 } else { high = middle }
        }
        while low < sorted.count, Self.sameHash(sorted[low], hashBits) {
            let number = Self.number(sorted[low])
            if ids[number] == id { return number }
            low += 1
        }
        return nil
    }

    /// The lowest record number whose id an earlier record already has.
    private func firstRepeat() -> Int? {
        var first: Int?
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, Self.sameHash(sorted[end], sorted[start]) { end += 1 }
            // Ids sharing a hash, in record order: almost always one, rarely a true repeat.
            for later in (start + 1)..<end {
                let number = Self.number(sorted[later])
                let seenBefore = (start..<later).contains { ids[Self.number(sorted[$0])] == ids[number] }
                if seenBefore, number < first ?? .max { first = number }
            }
            start = end
        }
        return first
    }

    private static func key(hash: UInt64, number: Int) -> UInt64 {
        (hash >> numberBits) << numberBits | UInt64(number)
    }

    private static func number(_ key: UInt64) -> Int { Int(key & ((1 << numberBits) - 1)) }

    private static func sameHash(_ a: UInt64, _ b: UInt64) -> Bool { a >> numberBits == b >> numberBits }
}
