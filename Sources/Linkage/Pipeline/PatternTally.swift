/// How many compared pairs had each comparison pattern, per blocking rule: the counts
/// EM trains on.
///
/// Why a table of the patterns met: there are 1.75 million possible patterns, and a dense
/// array of them for every rule was 105 MB per worker at fifteen rules, zeroed, written at
/// random and then copied, a fifth of the comparing stage at a million records. A run
/// meets some tens of thousands of patterns, so an open-addressing table of those stays
/// in cache. Contract: `counts(rule:)` gives every pattern added for that rule with its
/// total (wrapping at 2^32, as the dense counts did), in ascending pattern order.
struct PatternTally: Sendable {
    /// Slot keys: 0 for an empty slot, else `rule << 32 | pattern` plus one.
    private var keys: [UInt64]
    private var values: [UInt32]
    /// Slots in use.
    private(set) var distinct = 0

    init(slots: Int = 1 << 12) {
        let size = max(16, 1 << (Int.bitWidth - (max(slots, 2) - 1).leadingZeroBitCount))
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt32](repeating: 0, count: size)
    }

    /// Adds `count` pairs with `pattern` to `rule`'s counts.
    @inline(__always)
    mutating func add(rule: Int, pattern: UInt32, count: UInt32 = 1) {
        let key = (UInt64(rule) << 32 | UInt64(pattern)) &+ 1
        let mask = keys.count - 1
        var slot = Self.slot(of: key, mask: mask)
        while true {
            let found = keys[slot]
            if found == key { values[slot] &+= count; return }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = count
        distinct += 1
        // Kept at most half full, so that a probe rarely passes more than one slot.
        if distinct * 2 > keys.count { grow() }
    }

    /// Adds every count of `other`.
    mutating func add(_ other: PatternTally) {
        for slot in other.keys.indices where other.keys[slot] != 0 {
            let key = other.keys[slot] &- 1
            add(rule: Int(key >> 32), pattern: UInt32(truncatingIfNeeded: key), count: other.values[slot])
        }
    }

    /// `rule`'s patterns and how many pairs had each, in ascending pattern order.
    func counts(rule: Int) -> [(pattern: UInt32, count: Double)] {
        var out: [(pattern: UInt32, count: Double)] = []
        for slot in keys.indices where keys[slot] != 0 {
            let key = keys[slot] &- 1
            if Int(key >> 32) == rule { out.append((pattern: UInt32(truncatingIfNeeded: key), count: Double(values[slot]))) }
        }
        return out.sorted { $0.pattern < $1.pattern }
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt32](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.slot(of: oldKeys[index], mask: mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}
