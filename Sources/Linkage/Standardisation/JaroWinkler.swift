/// Jaro-Winkler similarity of two strings, computed on bytes without allocating.
///
/// Use it to grade near-miss spellings of names. Contract: returns a value in 0...1,
/// 1 for equal non-empty inputs and 0 when either is empty; only the first 64 bytes of
/// each input count (match flags live in one 64-bit mask). The Winkler prefix bonus uses
/// scaling 0.1 over at most 4 common leading bytes, applied when the Jaro value is >= 0.7.
public enum JaroWinkler {
    public static func similarity(_ a: String, _ b: String) -> Double {
        var x = a, y = b
        return x.withUTF8 { p in y.withUTF8 { q in similarity(p, q) } }
    }

    @inline(__always)
    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let n = min(a.count, 64), m = min(b.count, 64)
        if n == 0 || m == 0 { return 0 }
        let window = max(0, max(n, m) / 2 - 1)
        var matchedA: UInt64 = 0, matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<n {
            let lo = max(0, i - window), hi = min(m - 1, i + window)
            if lo > hi { continue }
            let ai = a[i]
            for j in lo...hi where matchedB & (1 << UInt64(j)) == 0 && b[j] == ai {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        // Count transpositions by walking both match masks in order.
        var transposed = 0
        var restA = matchedA, restB = matchedB
        while restA != 0 {
            let i = restA.trailingZeroBitCount, j = restB.trailingZeroBitCount
            if a[i] != b[j] { transposed += 1 }
            restA &= restA - 1
            restB &= restB - 1
        }
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transposed / 2)) / mm) / 3
        if jaro < 0.7 { return jaro }
        var prefix = 0
        while prefix < min(4, n, m), a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// True when the two byte strings differ by exactly one substitution, insertion,
    /// deletion or swap of neighbouring bytes (EVA / EAV, THOMAS / THMAS). Jaro-Winkler
    /// undervalues such slips in short names, whose match window is tiny.
    @inline(__always)
    static func isOneEditApart(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count, m = b.count
        if abs(n - m) > 1 || n == 0 || m == 0 { return false }
        var i = 0
        while i < min(n, m), a[i] == b[i] { i += 1 }
        if i == n && i == m { return false }  // equal
        if n == m {
            if i + 1 < n, a[i] == b[i + 1], a[i + 1] == b[i] {
                var k = i + 2
                while k < n, a[k] == b[k] { k += 1 }
                if k == n { return true }
            }
            var k = i + 1
            while k < n, a[k] == b[k] { k += 1 }
            return k == n
        }
        // One longer by a byte: skip it in the longer one.
        let (long, short) = n > m ? (a, b) : (b, a)
        var k = i
        while k < short.count, long[k + 1] == short[k] { k += 1 }
        return k == short.count
    }
}
