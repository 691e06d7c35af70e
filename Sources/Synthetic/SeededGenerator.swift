/// A small, fast, seeded pseudo-random generator (xoshiro256**, seeded by
/// SplitMix64).
///
/// Use it wherever generated data must be reproducible: the same seed gives
/// the same sequence on every platform and Swift version. Contract: the
/// helpers below (`below`, `unit`, `chance`, ...) are defined here on raw
/// 64-bit outputs, never via the standard library's range sampling, whose
/// algorithm may change between toolchains.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var mixer = seed
        s0 = SeededGenerator.splitMix(&mixer)
        s1 = SeededGenerator.splitMix(&mixer)
        s2 = SeededGenerator.splitMix(&mixer)
        s3 = SeededGenerator.splitMix(&mixer)
    }

    /// A generator for one independent stream (a household, a street) derived
    /// from a base seed, so streams do not depend on the order they are used.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = SeededGenerator.splitMix(&mixer)
        self.init(seed: SeededGenerator.splitMix(&mixer))
    }

    /// SplitMix64 (Steele, Lea and Flood), used to spread a seed over the state.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A value in `0..<bound` (bound > 0), by the multiply-high method; the
    /// bias is below 2^-40 for the small bounds used here.
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// A value in the closed range.
    public mutating func between(_ low: Int, _ high: Int) -> Int {
        low + below(high - low + 1)
    }

    /// A double in `[0, 1)`.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A count with a geometric tail: 0 with probability `1 - p`, and each
    /// further step taken with probability `p`, capped at `cap`.
    public mutating func geometric(_ p: Double, cap: Int) -> Int {
        var count = 0
        while count < cap && chance(p) { count += 1 }
        return count
    }
}
