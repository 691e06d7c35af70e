/// A value that failed validation (a postcode that is not UK-shaped, an impossible date)
/// kept as up to eight upper-case letters and digits packed in one integer, so that two
/// records carrying the same odd value still count as weak evidence instead of nothing.
///
/// Use `FieldText.pack` once per record while standardising and the comparisons in the
/// hot loop. Contract: 0 means "no text"; punctuation and spaces are dropped ("75008",
/// "D02 X285" and "D02X285" pack alike); only the first eight characters count.
enum FieldText {
    static func pack(_ raw: String?) -> UInt64 {
        guard let raw else { return 0 }
        var packed: UInt64 = 0
        var count = 0
        for byte in raw.utf8 where count < 8 {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            guard (upper >= 0x30 && upper <= 0x39) || (upper >= 0x41 && upper <= 0x5A) else { continue }
            packed |= UInt64(upper) << (56 - 8 * UInt64(count))
            count += 1
        }
        return packed
    }

    @inline(__always)
    static func length(_ x: UInt64) -> Int { x == 0 ? 0 : 8 - x.trailingZeroBitCount / 8 }

    @inline(__always)
    private static func byte(_ x: UInt64, _ i: Int) -> UInt64 { (x >> (56 - 8 * UInt64(i))) & 0xFF }

    /// One substitution, insertion, deletion or swap of neighbours apart (not equal).
    @inline(__always)
    /// A written date that failed validation, packed as its digits year first: "31/11/1938"
    /// and "1938-11-31" both give 19381131, so it can be set against a valid date's digits.
    static func packDate(_ raw: String?) -> UInt64 {
        guard let raw else { return 0 }
        let parts = raw.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " })
        if parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            let pad = { (part: Substring) in part.count == 1 ? "0" + part : String(part) }
            return pack(String(parts[2]) + pad(parts[1]) + pad(parts[0]))
        }
        return pack(raw)
    }

    /// A valid date (yyyymmdd) as the same eight packed digits as `packDate`.
    @inline(__always)
    static func packDate(_ date: Int32) -> UInt64 {
        var packed: UInt64 = 0
        var rest = date
        for position in 0..<8 {
            packed |= UInt64(0x30 + UInt8(rest % 10)) << (8 * UInt64(position))
            rest /= 10
        }
        return packed
    }

    static func isOneEditApart(_ x: UInt64, _ y: UInt64) -> Bool {
        if x == y || x == 0 || y == 0 { return false }
        let n = length(x), m = length(y)
        if abs(n - m) > 1 { return false }
        var i = 0
        while i < min(n, m), byte(x, i) == byte(y, i) { i += 1 }
        if n == m {
            if i + 1 < n, byte(x, i) == byte(y, i + 1), byte(x, i + 1) == byte(y, i) {
                var k = i + 2
                while k < n, byte(x, k) == byte(y, k) { k += 1 }
                if k == n { return true }
            }
            var k = i + 1
            while k < n, byte(x, k) == byte(y, k) { k += 1 }
            return k == n
        }
        let (long, short, shortLength) = n > m ? (x, y, m) : (y, x, n)
        var k = i
        while k < shortLength, byte(long, k + 1) == byte(short, k) { k += 1 }
        return k == shortLength
    }
}
