/// An NHS number: ten digits whose last is the modulus-11 check digit.
///
/// Contract: only numbers whose check digit is right can be constructed; the
/// stored form is the ten digits without spaces.
public struct NHSNumber: Sendable, Hashable, Codable {
    public let digits: String

    public enum Problem: Error, Sendable, Equatable {
        case notTenDigits, checkDigitMismatch
        public var reason: String {
            switch self {
            case .notTenDigits: "must be 10 digits"
            case .checkDigitMismatch: "check digit does not match (modulus 11)"
            }
        }
    }

    public static func validate(_ text: String) -> Result<NHSNumber, Problem> {
        var values: [Int] = []
        values.reserveCapacity(10)
        for byte in text.utf8 {
            switch byte {
            case 48...57: values.append(Int(byte - 48))
            case UInt8(ascii: " "), UInt8(ascii: "-"): continue
            default: return .failure(.notTenDigits)
            }
        }
        guard values.count == 10 else { return .failure(.notTenDigits) }
        // NHS Data Dictionary: weights 10 down to 2 over the first nine digits;
        // check = 11 - (sum mod 11), where 11 means 0 and 10 is never issued.
        var sum = 0
        for index in 0..<9 { sum += values[index] * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        guard check != 10, check == values[9] else { return .failure(.checkDigitMismatch) }
        return .success(NHSNumber(digits: values.map(String.init).joined()))
    }

    private init(digits: String) { self.digits = digits }

    public init?(_ text: String) {
        guard case .success(let number) = NHSNumber.validate(text) else { return nil }
        self = number
    }
}

/// A UK postcode in its standard form (`SS14 1DL`), split into the parts
/// linkage and analytics use.
public struct Postcode: Sendable, Hashable, Codable {
    /// Upper case with one space before the inward code.
    public let value: String

    /// Accepts any case and spacing; checks the shape of the outward code
    /// (A9, A99, AA9, AA99, A9A, AA9A) and inward code (9AA).
    public init?(_ text: String) {
        var chars: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: " ") {
            switch byte {
            case 97...122: chars.append(byte - 32)
            case 65...90, 48...57: chars.append(byte)
            default: return nil
            }
        }
        guard (5...7).contains(chars.count) else { return nil }
        func isLetter(_ c: UInt8) -> Bool { (65...90).contains(c) }
        func isDigit(_ c: UInt8) -> Bool { (48...57).contains(c) }
        let inward = chars.suffix(3)
        let outward = Array(chars.prefix(chars.count - 3))
        guard isDigit(inward[inward.startIndex]), isLetter(inward[inward.startIndex + 1]),
              isLetter(inward[inward.startIndex + 2]) else { return nil }
        let shape = outward.map { isLetter($0) ? "A" : "9" }.joined()
        guard ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].contains(shape) else { return nil }
        value = String(decoding: outward, as: UTF8.self) + " " + String(decoding: inward, as: UTF8.self)
    }

    /// The outward code (`SS14`).
    public var district: String { String(value.split(separator: " ")[0]) }
    /// Outward code and the first inward digit (`SS14 1`).
    public var sector: String { String(value.dropLast(2)) }
    /// The leading letters (`SS`).
    public var area: String { String(value.prefix { $0.isLetter }) }
}

/// A Criminal Records Office number: up to six digits, `/`, a two-digit year
/// and a check letter (`123456/08K`).
public struct CRONumber: Sendable, Hashable, Codable {
    public let value: String

    public init?(_ text: String) {
        let upper = text.uppercased()
        let parts = upper.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...6).contains(parts[0].count),
              parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
              parts[1].count == 3 else { return nil }
        let tail = Array(parts[1])
        guard tail[0].isASCII, tail[0].isNumber, tail[1].isASCII, tail[1].isNumber,
              tail[2].isASCII, tail[2].isLetter else { return nil }
        value = upper
    }
}
