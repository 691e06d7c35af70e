/// A UK postcode split into area, district, sector and unit, packed into one integer.
///
/// Use `Postcode(_:)` on raw text ("ss141dl", "SS14 1DL"). Contract: only strings with the
/// shape of a UK postcode are accepted (outward A9, A99, AA9, AA99, A9A, AA9A; inward 9AA);
/// an outward code alone ("SS14") gives a district-only postcode. A letter O typed for the
/// inward digit zero is corrected. The packed form keeps each level as a prefix, so
/// `district`, `sector` and `unit` compare with integer equality.
public struct Postcode: Hashable, Sendable, CustomStringConvertible {
    /// Packed: area (10 bits) | district number (7) | district letter (5) | sector+1 (4) | unit (10).
    public let packed: UInt64

    public init?(_ raw: String) {
        // Read into a buffer on the stack: every record has a postcode, and three small
        // arrays per record showed up in the reading stage's profile.
        let value = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { chars -> UInt64? in
            var count = 0
            for byte in raw.utf8.prefix(20) {
                switch byte {
                case 0x61...0x7A: chars[count] = byte - 0x20; count += 1
                case 0x41...0x5A, 0x30...0x39: chars[count] = byte; count += 1
                case 0x20, 0x2D: continue
                default: return nil
                }
            }
            guard (2...7).contains(count) else { return nil }
            var outwardCount = count
            var inwardValue: UInt64 = 0
            if count >= 5 {
                outwardCount = count - 3
                var digit = chars[outwardCount]
                if digit == 0x4F { digit = 0x30 }  // letter O typed for zero
                let first = chars[outwardCount + 1], second = chars[outwardCount + 2]
                guard Postcode.isDigit(digit), Postcode.isLetter(first), Postcode.isLetter(second) else { return nil }
                let sector = UInt64(digit - 0x30) + 1
                let unit = UInt64(first - 0x40) << 5 | UInt64(second - 0x40)
                inwardValue = sector << 10 | unit
            }
            let outward = UnsafeBufferPointer(rebasing: chars[0..<outwardCount])
            guard let out = Postcode.parseOutward(outward) else { return nil }
            return out << 14 | inwardValue
        }
        guard let value else { return nil }
        packed = value
    }

    init(packed: UInt64) { self.packed = packed }

    /// Area, district, letter: returns area << 12 | number << 5 | letter.
    private static func parseOutward(_ s: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let first = s.first, isLetter(first), s.count >= 2, s.count <= 4 else { return nil }
        var i = 1
        var area = UInt64(first - 0x40)
        if isLetter(s[1]) { area = area << 5 | UInt64(s[1] - 0x40); i = 2 }
        guard i < s.count, isDigit(s[i]) else { return nil }
        var number = UInt64(s[i] - 0x30)
        i += 1
        if i < s.count, isDigit(s[i]) { number = number * 10 + UInt64(s[i] - 0x30); i += 1 }
        var letter: UInt64 = 0
        if i < s.count, isLetter(s[i]) { letter = UInt64(s[i] - 0x40); i += 1 }
        guard i == s.count else { return nil }
        return area << 12 | number << 5 | letter
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    /// True when the inward code is present (a full unit postcode).
    public var isFullUnit: Bool { packed & 0x3FFF != 0 }
    public var area: UInt64 { packed >> 26 }
    public var district: UInt64 { packed >> 14 }
    /// 0 when only the outward code is known.
    public var sector: UInt64 { isFullUnit ? packed >> 10 : 0 }
    public var unit: UInt64 { isFullUnit ? packed : 0 }

    /// The standard upper-case spaced form, "SS14 1DL".
    public var description: String {
        let a = packed >> 26
        var out = ""
        if a >= 32 { out.append(Character(Unicode.Scalar(UInt8(a >> 5) + 0x40))) }
        out.append(Character(Unicode.Scalar(UInt8(a & 31) + 0x40)))
        out += String((packed >> 19) & 127)
        let letter = (packed >> 14) & 31
        if letter != 0 { out.append(Character(Unicode.Scalar(UInt8(letter) + 0x40))) }
        if isFullUnit {
            out += " " + String(((packed >> 10) & 15) - 1)
            out.append(Character(Unicode.Scalar(UInt8((packed >> 5) & 31) + 0x40)))
            out.append(Character(Unicode.Scalar(UInt8(packed & 31) + 0x40)))
        }
        return out
    }
}
