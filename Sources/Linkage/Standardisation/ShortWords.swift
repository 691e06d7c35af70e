/// A fixed list of short upper-case words (titles, suffixes, street abbreviations), looked
/// up without `String` hashing.
///
/// Standardising asks about every token of every name and address: a million records ask
/// some twenty million times, and hashing a `String` each time cost about a tenth of the
/// reading stage. Each word's first eight bytes are packed into an integer, which one
/// multiplication spreads over a small open-addressed table; a word longer than eight
/// bytes is confirmed against its text. Contract: `index(of:)` gives the word's position
/// in the list it was built from, or nil.
struct ShortWords: Sendable {
    /// Packed key per slot, 0 for an empty slot (no packed word is 0: its length is in it).
    private let slots: [UInt64]
    /// Position in the original list of the word in each slot.
    private let positions: [Int32]
    private let words: [String]
    private let longest: Int
    private let shift: UInt64

    init(_ list: [String]) {
        words = list
        longest = list.map(\.utf8.count).max() ?? 0
        var bits = 4
        while (1 << bits) < list.count * 4 { bits += 1 }
        shift = UInt64(64 - bits)
        var slots = [UInt64](repeating: 0, count: 1 << bits)
        var positions = [Int32](repeating: -1, count: 1 << bits)
        for (position, word) in list.enumerated() where !word.isEmpty {
            let key = Self.pack(word)
            var slot = Int((key &* Self.spread) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = key
            positions[slot] = Int32(position)
        }
        self.slots = slots
        self.positions = positions
    }

    init<S: Sequence>(_ set: S) where S.Element == String { self.init(Array(set)) }

    func contains(_ word: String) -> Bool { index(of: word) != nil }

    func index(of word: String) -> Int? {
        let count = word.utf8.count
        guard count > 0, count <= longest else { return nil }
        let key = Self.pack(word)
        return slots.withUnsafeBufferPointer { slots -> Int? in
            var slot = Int((key &* Self.spread) >> shift)
            // Words sharing their first eight bytes sit in neighbouring slots.
            while slots[slot] != 0 {
                if slots[slot] == key {
                    let position = Int(positions[slot])
                    if count <= 8 ? words[position].utf8.count == count : words[position] == word { return position }
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    /// Fibonacci hashing's multiplier: spreads nearby keys over the table's top bits.
    private static let spread: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The first eight bytes, big-endian, with the length in the low bits of a shorter word
    /// so that "AB" and "AB\0" never collide.
    @inline(__always)
    private static func pack(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { bytes in
            let count = min(bytes.count, 8)
            var value: UInt64 = 0
            for k in 0..<count { value = value << 8 | UInt64(bytes[k]) }
            return count == 8 ? value : (value << UInt64(8 * (8 - count))) | UInt64(count)
        }
    }
}

/// A fixed map from short upper-case words to their replacements, looked up like `ShortWords`.
struct ShortWordMap: Sendable {
    private let words: ShortWords
    private let values: [String]

    init(_ map: [String: String]) {
        let pairs = map.sorted { $0.key < $1.key }
        words = ShortWords(pairs.map(\.key))
        values = pairs.map(\.value)
    }

    subscript(_ word: String) -> String? {
        words.index(of: word).map { values[$0] }
    }
}
