/// Interned standard names: each distinct name gets an `Int32` code, its bytes are kept in
/// one flat array, and what comparisons need per name (sounds-alike code, nickname groups,
/// length) is computed once per name rather than once per pair.
///
/// Contract: codes are dense from 0; -1 means "no name". Interning the same string twice
/// returns the same code.
struct NameTable: Sendable {
    private(set) var codes: [String: Int32] = [:]
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int32] = [0]
    private(set) var phonetic: [UInt32] = []
    private(set) var nicknameGroups: [UInt32] = []
    /// Nickname groups allowing one typing slip in the name (see `NicknameTable.groupCode(ofNearFoldedName:)`).
    private(set) var nearNicknameGroups: [UInt32] = []
    /// Whether the name is a commonly registered given name (see `KnownGivenNames`).
    private(set) var knownGiven: [Bool] = []
    /// How many records use the name as a given name and as a family name.
    var givenUses: [Int32] = []
    var familyUses: [Int32] = []

    var count: Int { offsets.count - 1 }

    mutating func intern(_ name: String) -> Int32 {
        if let code = codes[name] { return code }
        let code = Int32(count)
        codes[name] = code
        bytes.append(contentsOf: name.utf8)
        offsets.append(Int32(bytes.count))
        phonetic.append(Phonetic.code(name))
        nicknameGroups.append(NicknameTable.groupCode(ofFoldedName: name))
        nearNicknameGroups.append(NicknameTable.groupCode(ofNearFoldedName: name))
        knownGiven.append(KnownGivenNames.contains(name))
        givenUses.append(0)
        familyUses.append(0)
        return code
    }

    func name(_ code: Int32) -> String {
        guard code >= 0, Int(code) < count else { return "" }
        return String(decoding: bytes[Int(offsets[Int(code)])..<Int(offsets[Int(code) + 1])], as: UTF8.self)
    }

    @inline(__always)
    func length(_ code: Int32) -> Int { Int(offsets[Int(code) + 1] - offsets[Int(code)]) }

    @inline(__always)
    func firstByte(_ code: Int32) -> UInt8 { bytes[Int(offsets[Int(code)])] }

    /// Jaro-Winkler similarity of two interned names.
    @inline(__always)
    func similarity(_ a: Int32, _ b: Int32) -> Double {
        bytes.withUnsafeBufferPointer { all in
            let a0 = Int(offsets[Int(a)]), a1 = Int(offsets[Int(a) + 1])
            let b0 = Int(offsets[Int(b)]), b1 = Int(offsets[Int(b) + 1])
            return JaroWinkler.similarity(
                UnsafeBufferPointer(rebasing: all[a0..<a1]), UnsafeBufferPointer(rebasing: all[b0..<b1]))
        }
    }

    /// Whether two interned names differ by one typing slip (see `JaroWinkler.isOneEditApart`).
    @inline(__always)
    func isOneEditApart(_ a: Int32, _ b: Int32) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            let a0 = Int(offsets[Int(a)]), a1 = Int(offsets[Int(a) + 1])
            let b0 = Int(offsets[Int(b)]), b1 = Int(offsets[Int(b) + 1])
            return JaroWinkler.isOneEditApart(
                UnsafeBufferPointer(rebasing: all[a0..<a1]), UnsafeBufferPointer(rebasing: all[b0..<b1]))
        }
    }

    /// Same name, a known nickname, or a one-slip spelling: used to spot swapped name fields.
    @inline(__always)
    func isCloseForm(_ a: Int32, _ b: Int32) -> Bool {
        if a < 0 || b < 0 { return false }
        if a == b { return true }
        if (length(a) == 1 || length(b) == 1) { return firstByte(a) == firstByte(b) }
        if NicknameTable.shareGroup(nicknameGroups[Int(a)], nicknameGroups[Int(b)]) { return true }
        return similarity(a, b) >= 0.92 || isOneEditApart(a, b)
    }

    /// Adds `other`'s names and returns the map from `other`'s codes to codes in `self`.
    mutating func merge(_ other: NameTable) -> [Int32] {
        var map = [Int32](repeating: -1, count: other.count)
        for code in 0..<other.count {
            let mapped = intern(other.name(Int32(code)))
            map[code] = mapped
            givenUses[Int(mapped)] += other.givenUses[code]
            familyUses[Int(mapped)] += other.familyUses[code]
        }
        return map
    }
}
