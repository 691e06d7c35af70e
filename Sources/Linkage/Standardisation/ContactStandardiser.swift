/// Standard forms of phone numbers and email addresses.
///
/// Use it on raw partner input. Contract: `phone` returns the UK national number as an
/// integer (07700900123 for "+44 7700 900123", "0044 7700 900123" or "07700 900 123"),
/// flagged invalid when the digits are not an 11-digit UK number but are still 6-15 digits
/// (kept so equal plain text still compares); `email` lower-cases, trims and requires one
/// `@` with text either side.
public enum ContactStandardiser {
    public enum Reading: Equatable, Sendable {
        case valid(UInt64)
        /// Not a valid value, but kept as a comparable code.
        case invalid(UInt64)
        case unusable
        case missing
    }

    public static func phone(_ raw: String?) -> Reading {
        guard let raw, !raw.isEmpty else { return .missing }
        var digits: [UInt8] = []
        var sawLetter = false
        for byte in raw.utf8.prefix(40) {
            if byte >= 0x30, byte <= 0x39 { digits.append(byte - 0x30) }
            else if (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A { sawLetter = true }
        }
        if digits.isEmpty { return sawLetter ? .unusable : .missing }
        // International forms: +44 7700..., 0044 7700..., +44 (0)7700...
        if digits.starts(with: [0, 0, 4, 4]) { digits.removeFirst(2) }
        if digits.starts(with: [4, 4]), digits.count >= 12 {
            digits.removeFirst(2)
            if digits.first != 0 { digits.insert(0, at: 0) }
        }
        if digits.count == 10, digits[0] != 0 { digits.insert(0, at: 0) }  // trunk zero dropped
        guard (6...15).contains(digits.count) else { return .unusable }
        var value: UInt64 = 0
        for d in digits { value = value * 10 + UInt64(d) }
        value |= UInt64(digits.count) << 56  // keep leading zeros distinct
        let isUK = digits.count == 11 && digits[0] == 0 && digits[1] != 0
        if isUK, allSame(digits.dropFirst()) == false { return .valid(value) }
        return .invalid(value)
    }

    private static func allSame(_ digits: ArraySlice<UInt8>) -> Bool {
        guard let first = digits.first else { return true }
        return digits.allSatisfy { $0 == first }
    }

    /// The email's normalised text, or `nil` when it is not usable.
    public static func normalisedEmail(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var bytes: [UInt8] = []
        var ats = 0
        for byte in raw.utf8.prefix(254) {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if byte == 0x40 { ats += 1 }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        guard ats == 1, let at = bytes.firstIndex(of: 0x40), at > 0, at < bytes.count - 1 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func email(_ raw: String?) -> Reading {
        guard let raw, !raw.trimmingWhitespace.isEmpty else { return .missing }
        guard let normal = normalisedEmail(raw) else { return .unusable }
        return .valid(TextFolding.combine(TextFolding.hash(normal.utf8), 0xE))
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks (ASCII only, fast).
    var trimmingWhitespace: Substring {
        let utf8 = self.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }),
              let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[start...last]
    }
}
