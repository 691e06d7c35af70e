/// An address line in the standard form that linkage compares.
///
/// Contract: `flat` and `houseNumber` are upper-case ("2", "12A"); `streetTokens` are the
/// remaining words with abbreviations expanded (RD -> ROAD), in order, at most six.
public struct StandardAddress: Hashable, Sendable {
    public var flat: String?
    public var houseNumber: String?
    public var streetTokens: [String]

    /// True when nothing usable was found.
    public var isEmpty: Bool { flat == nil && houseNumber == nil && streetTokens.isEmpty }
}

/// Standardises a free-text address line: flat and house number, street words, abbreviations.
///
/// Use it on the `address_line` field. Contract: pure and total; any text gives a
/// `StandardAddress`, possibly empty. "Flat 2, 12a Mill Rd" gives flat 2, house 12A and
/// the tokens MILL ROAD.
public enum AddressStandardiser {
    static let abbreviations: [String: String] = [
        "RD": "ROAD", "ST": "STREET", "AVE": "AVENUE", "AV": "AVENUE", "LN": "LANE", "DR": "DRIVE",
        "CL": "CLOSE", "CT": "COURT", "CRT": "COURT", "CRES": "CRESCENT", "CRESC": "CRESCENT",
        "PL": "PLACE", "SQ": "SQUARE", "GDNS": "GARDENS", "GRN": "GREEN", "GR": "GROVE", "GRV": "GROVE",
        "TER": "TERRACE", "TERR": "TERRACE", "TCE": "TERRACE", "PK": "PARK", "HSE": "HOUSE", "HO": "HOUSE",
        "WY": "WAY", "PDE": "PARADE", "HTS": "HEIGHTS", "MT": "MOUNT", "CTTGS": "COTTAGES", "COTTS": "COTTAGES",
        "BLDGS": "BUILDINGS", "STN": "STATION", "UPR": "UPPER", "LWR": "LOWER", "NTH": "NORTH", "STH": "SOUTH",
        "EST": "ESTATE", "WLK": "WALK", "BVD": "BOULEVARD", "BLVD": "BOULEVARD", "HWY": "HIGHWAY",
        "APT": "FLAT", "APARTMENT": "FLAT", "FLT": "FLAT", "UNIT": "FLAT", "RM": "ROOM",
    ]
    /// Words that say what the next number is, not part of the street.
    static let unitWords: Set<String> = ["FLAT", "ROOM", "MAISONETTE", "BEDSIT"]
    static let fillerWords: Set<String> = ["THE", "OF", "AND", "NO", "NUMBER"]

    // The same lists for the per-token lookups (see `ShortWords`).
    private static let abbreviationWords = ShortWordMap(abbreviations)
    private static let unitWordList = ShortWords(unitWords)
    private static let fillerWordList = ShortWords(fillerWords)

    public static func standardise(_ raw: String?) -> StandardAddress {
        guard let raw, !raw.isEmpty else { return StandardAddress(flat: nil, houseNumber: nil, streetTokens: []) }
        let tokens = TextFolding.tokens(raw, maximumTokenLength: 30)
        var flat: String?
        var house: String?
        var street: [String] = []
        var expectFlat = false
        for (index, token) in tokens.prefix(24).enumerated() {
            var word = abbreviationWords[token] ?? token
            if token == "ST", index + 1 < tokens.count, !isNumeric(tokens[index + 1]) {
                // "St Mary's Road": ST before a name is SAINT, at the end it is STREET.
                word = "SAINT"
            }
            if unitWordList.contains(word) { expectFlat = true; continue }
            if startsWithDigit(word) {
                if expectFlat, flat == nil { flat = word; expectFlat = false }
                else if house == nil { house = word }
                else if flat == nil { flat = house; house = word }  // "2 12 Mill Road": flat then house
                continue
            }
            expectFlat = false
            if word.utf8.count == 1, house != nil, street.isEmpty, isLetter(word) {
                house = (house ?? "") + word  // "12 A Mill Road"
                continue
            }
            if fillerWordList.contains(word) { continue }
            if street.count < 6 { street.append(word) }
        }
        return StandardAddress(flat: flat, houseNumber: house, streetTokens: street)
    }

    static func isNumeric(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    static func startsWithDigit(_ s: String) -> Bool { s.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    static func isLetter(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } }

    /// A compact code for a house or flat number: digits then letter ("12A" -> 12 * 32 + 1);
    /// 0 when missing.
    static func numberCode(_ s: String?) -> Int32 {
        guard let s else { return 0 }
        var number: Int32 = 0
        var letter: Int32 = 0
        for byte in s.utf8.prefix(8) {
            if byte >= 0x30, byte <= 0x39 { number = number &* 10 &+ Int32(byte - 0x30) }
            else if byte >= 0x41, byte <= 0x5A, letter == 0 { letter = Int32(byte - 0x40) }
        }
        return (number % 1_000_000) * 32 + letter + 1
    }
}

extension AddressStandardiser {
    /// Street-word abbreviations, lower case (`rd` -> `road`), for encoders that must write
    /// one form of an address before hashing it.
    public static let expansions: [String: String] = Dictionary(
        uniqueKeysWithValues: abbreviations.map { ($0.key.lowercased(), $0.value.lowercased()) })
}
