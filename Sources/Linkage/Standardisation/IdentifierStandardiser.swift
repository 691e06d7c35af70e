/// Validation and standard forms of the strong identifiers: NHS number and CRO number.
///
/// Use it before treating an identifier as evidence. Contract: an NHS number is valid only
/// when it has 10 digits (spaces and dashes allowed) and the last is the modulus-11 check
/// digit of the first nine (NHS Data Dictionary); a CRO number is valid in the form
/// `NNNNNN/YYL` (1-6 digits, `/`, 2 digits, a letter; serial leading zeros ignored).
/// Only valid identifiers are strong evidence; invalid ones are counted and set aside.
public enum IdentifierStandardiser {
    public enum Reading: Equatable, Sendable {
        case valid(UInt64)
        case invalid
        case missing
    }

    public static func nhsNumber(_ raw: String?) -> Reading {
        guard let raw else { return .missing }
        var digits: [Int] = []
        var nonBlank = false
        for byte in raw.utf8.prefix(40) {
            switch byte {
            case 0x30...0x39: digits.append(Int(byte - 0x30)); nonBlank = true
            case 0x20, 0x2D, 0x09: continue
            default: return .invalid
            }
        }
        if !nonBlank { return .missing }
        guard digits.count == 10 else { return .invalid }
        guard isValidNHSCheckDigit(digits) else { return .invalid }
        if digits.dropFirst().allSatisfy({ $0 == digits[0] }) { return .invalid }  // 0000000000 and the like
        return .valid(digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) })
    }

    /// NHS number check: weights 10...2 on the first nine digits, 11 - (sum mod 11);
    /// 11 becomes 0 and 10 means the number is invalid.
    static func isValidNHSCheckDigit(_ digits: [Int]) -> Bool {
        var sum = 0
        for i in 0..<9 { sum += digits[i] * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }

    public static func croNumber(_ raw: String?) -> Reading {
        guard let raw else { return .missing }
        var chars: [UInt8] = []
        for byte in raw.utf8.prefix(40) where byte != 0x20 {
            chars.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        if chars.isEmpty { return .missing }
        guard let slash = chars.firstIndex(of: 0x2F) else { return .invalid }
        let serial = chars[..<slash]
        let tail = chars[(slash + 1)...]
        guard (1...6).contains(serial.count), serial.allSatisfy(Postcode.isDigit),
              tail.count == 3, Postcode.isDigit(tail[tail.startIndex]), Postcode.isDigit(tail[tail.startIndex + 1]),
              Postcode.isLetter(tail[tail.startIndex + 2])
        else { return .invalid }
        let serialValue = serial.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
        guard serialValue > 0 else { return .invalid }
        let year = UInt64(tail[tail.startIndex] - 0x30) * 10 + UInt64(tail[tail.startIndex + 1] - 0x30)
        let letter = UInt64(tail[tail.startIndex + 2] - 0x40)
        return .valid(serialValue << 16 | year << 8 | letter)
    }
}

/// Recorded sex, reduced to the values linkage compares.
///
/// Contract: `M`/`male`, `F`/`female`, `X`/other; `U`, unknown and anything else read as
/// unknown, which linkage treats as missing.
public enum RecordedSex: UInt8, Sendable, Codable {
    case unknown = 0, male = 1, female = 2, other = 3

    public init(raw: String?) {
        guard let raw else { self = .unknown; return }
        let text = raw.trimmingWhitespace
        // Most partners write one letter: read it without building a lower-cased copy.
        if text.utf8.count == 1, let letter = text.utf8.first {
            switch letter | 0x20 {
            case 0x6D: self = .male
            case 0x66: self = .female
            case 0x78: self = .other
            default: self = .unknown
            }
            return
        }
        switch text.lowercased() {
        case "m", "male", "man", "boy": self = .male
        case "f", "female", "woman", "girl": self = .female
        case "x", "other", "non-binary", "nonbinary": self = .other
        default: self = .unknown
        }
    }
}
