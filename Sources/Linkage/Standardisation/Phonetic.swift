/// A "sounds alike" code for names: Soundex with a few Metaphone-style spelling rules first.
///
/// Use it for blocking and for the "sounds alike" comparison level. Contract: names that
/// differ by common spelling variation (PH/F, CK/K, silent initial K or W, Y/I, double
/// letters) get equal codes; the code is a non-zero `UInt32` for any non-empty name and 0 for
/// an empty one. Names with no Latin letters get a hash of their bytes instead.
public enum Phonetic {
    public static func code(_ name: String) -> UInt32 { code(Array(name.utf8)) }

    static func code(_ name: [UInt8]) -> UInt32 {
        var letters: [UInt8] = []
        letters.reserveCapacity(name.count)
        for byte in name where byte >= 0x41 && byte <= 0x5A { letters.append(byte) }
        if letters.isEmpty {
            if name.isEmpty { return 0 }
            return UInt32(truncatingIfNeeded: TextFolding.hash(name)) | 0x8000_0000
        }
        rewrite(&letters)
        var out: UInt32 = UInt32(letters[0] - 0x40)
        var digits = 0
        var previous = digit(letters[0])
        var index = 1
        while index < letters.count, digits < 4 {
            let letter = letters[index]
            let d = digit(letter)
            if d != 0, d != previous {
                out = out << 4 | UInt32(d)
                digits += 1
            }
            // H and W do not separate equal codes; vowels do.
            if letter != 0x48, letter != 0x57 { previous = d }
            index += 1
        }
        while digits < 4 { out <<= 4; digits += 1 }
        return out | 0x4000_0000
    }

    /// Spelling rules applied before Soundex so that common variants meet.
    private static func rewrite(_ s: inout [UInt8]) {
        func starts(_ prefix: StaticString) -> Bool {
            let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
            return s.count >= p.count && s.starts(with: p)
        }
        if starts("KN") || starts("GN") || starts("PN") || starts("WR") { s.removeFirst() }
        if starts("PH") { s.replaceSubrange(0..<2, with: [0x46]) }
        if starts("MAC") { s.replaceSubrange(0..<3, with: [0x4D, 0x43]) }
        if starts("Y") { s[0] = 0x49 }
        if starts("C"), s.count > 1, [0x45, 0x49, 0x59].contains(s[1]) { s[0] = 0x53 }
        if starts("C") { s[0] = 0x4B }
        if starts("X") { s[0] = 0x5A }
        var i = 1
        while i + 1 < s.count {
            if s[i] == 0x50, s[i + 1] == 0x48 { s.replaceSubrange(i...(i + 1), with: [0x46]) }  // PH -> F
            i += 1
        }
    }

    @inline(__always)
    private static func digit(_ letter: UInt8) -> UInt8 {
        switch letter {
        case 0x42, 0x46, 0x50, 0x56: return 1  // B F P V
        case 0x43, 0x47, 0x4A, 0x4B, 0x51, 0x53, 0x58, 0x5A: return 2  // C G J K Q S X Z
        case 0x44, 0x54: return 3  // D T
        case 0x4C: return 4  // L
        case 0x4D, 0x4E: return 5  // M N
        case 0x52: return 6  // R
        default: return 0
        }
    }
}
