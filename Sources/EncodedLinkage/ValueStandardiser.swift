import Foundation

/// Writes values the same way at every partner before they are encoded, so that
/// "  Smith ", "SMITH" and "smith" give one encoding, and "04/03/1980" and "1980-03-04"
/// one date. Both sides must standardise alike: `lantern encode` does it by default, and
/// a partner using clkhash runs `lantern encode --standardise-only` first (docs/pprl.md).
///
/// Rules, per hashed feature: Unicode NFC; spaces trimmed and runs of white space made
/// one space; dates in YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or YYYYMMDD rewritten
/// in the schema's date pattern; enum values matched ignoring case (and "male"/"female"
/// to a one-letter value); a string with `case` in its format put in that case; features
/// named like a postcode upper case with one space before the last three characters;
/// other strings lower case, given names in their formal form ("bill" -> "william") and
/// address abbreviations written out ("rd" -> "road") when the tables are given. Ignored features are left as they are. A date or enum value
/// still not in the schema's format ("U", "not known", "31/02/1980") becomes the feature's
/// missing-value sentinel when it has one, as the clear-text linker treats it as missing.
/// Contract: idempotent, and a value already standardised is unchanged.
public struct ValueStandardiser: Sendable {
    enum Rule: Sendable {
        case keep
        case lower
        case givenName
        case address
        case upper
        case postcode
        case date(DateFormat, missing: String?)
        case enumeration([String], missing: String?)
        /// One part of a date of birth, read from the whole date (see `datePart`).
        case datePart(DatePart, missing: String?)
    }

    /// The parts of a date a schema may encode as features of their own, so that a date with
    /// one part slipped or day and month swapped still agrees in the others.
    public enum DatePart: String, Sendable, CaseIterable {
        case year, month, day

        /// The part a feature stands for, from its name: `dob_year`, `date_of_birth_month`...
        public init?(featureName name: String) {
            let name = name.lowercased()
            guard name.hasPrefix("dob_") || name.hasPrefix("date_of_birth_") else { return nil }
            guard let part = Self.allCases.first(where: { name.hasSuffix("_" + $0.rawValue) }) else { return nil }
            self = part
        }

        var width: Int { self == .year ? 4 : 2 }
    }

    let rules: [Rule]
    let formalNames: [String: String]
    let addressWords: [String: String]

    /// `formalNames` maps a short form of a given name to its formal one ("bill" -> "william");
    /// `addressWords` maps an address abbreviation to its word ("rd" -> "road"). Both lower case,
    /// applied word by word to features named like a given name or an address.
    public init(schema: LinkageSchema, formalNames: [String: String] = [:], addressWords: [String: String] = [:]) {
        self.formalNames = formalNames
        self.addressWords = addressWords
        rules = schema.features.map { feature in
            guard let hashing = feature.hashing, let format = feature.format else { return .keep }
            let missing = hashing.missingValue?.sentinel
            switch format {
            case .date(let pattern): return DateFormat(pattern).map { Rule.date($0, missing: missing) } ?? .keep
            case .enumeration(let values): return .enumeration(values, missing: missing)
            case .integer: return .keep
            case .string(_, let textCase, _, _, let pattern):
                if textCase == nil, pattern == nil, let part = DatePart(featureName: feature.identifier) {
                    return .datePart(part, missing: missing)
                }
                if textCase == .upper { return .upper }
                if textCase == .lower { return .lower }
                let name = feature.identifier.lowercased()
                if name.contains("postcode") { return .postcode }
                if pattern == nil, ["given", "first_name", "forename"].contains(where: name.contains) { return .givenName }
                if pattern == nil, name.contains("address") { return .address }
                // A pattern may depend on case; leave such values as written.
                return pattern == nil ? .lower : .keep
            }
        }
    }

    /// The row standardised (see the type's rules). A row of the wrong length is returned as is.
    public func standardise(_ row: [String]) -> [String] {
        guard row.count == rules.count else { return row }
        return zip(row, rules).map { value, rule in
            switch rule {
            case .givenName: return Self.replaceWords(Self.apply(.lower, to: value), formalNames)
            case .address: return Self.replaceWords(Self.apply(.lower, to: value), addressWords)
            default: return Self.apply(rule, to: value)
            }
        }
    }

    static func replaceWords(_ value: String, _ table: [String: String]) -> String {
        guard !table.isEmpty else { return value }
        return value.split(separator: " ").map { word in
            // Keep a trailing comma ("flat 2, kings ct,") where it is.
            let bare = word.hasSuffix(",") ? word.dropLast() : word[...]
            guard let replacement = table[String(bare)] else { return String(word) }
            return replacement + (word.hasSuffix(",") ? "," : "")
        }.joined(separator: " ")
    }

    static let readableDates = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d"].compactMap(DateFormat.init)

    /// NFC with white space trimmed and folded; plain ASCII already tidy (most values) is
    /// returned untouched without the costly Unicode work.
    static func tidy(_ raw: String) -> String {
        var previousSpace = true
        for byte in raw.utf8 {
            let space = byte == 0x20 || (0x09...0x0D).contains(byte)
            if byte >= 0x80 || (space && (byte != 0x20 || previousSpace)) { return slowTidy(raw) }
            previousSpace = space
        }
        return previousSpace && !raw.isEmpty ? slowTidy(raw) : raw
    }

    static func slowTidy(_ raw: String) -> String {
        raw.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func apply(_ rule: Rule, to raw: String) -> String {
        if case .keep = rule { return raw }
        let value = tidy(raw)
        switch rule {
        case .keep: return raw
        case .lower, .givenName, .address: return value.lowercased()
        case .upper: return value.uppercased()
        case .postcode:
            let compact = value.uppercased().replacingOccurrences(of: " ", with: "")
            guard (5...7).contains(compact.count) else { return value.uppercased() }
            return compact.dropLast(3) + " " + compact.suffix(3)
        case .date(let target, let missing):
            if target.components(value) != nil || value == missing { return value }
            for format in readableDates {
                if let (y, m, d) = format.components(value) { return target.render(year: y, month: m, day: d) }
            }
            return missing ?? value
        case .datePart(let part, let missing):
            // Already one part ("1980", "03"): idempotent. Otherwise read the whole date.
            if value.count == part.width, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) { return value }
            for format in readableDates {
                guard let (y, m, d) = format.components(value) else { continue }
                let n = part == .year ? y : part == .month ? m : d
                let digits = String(n)
                return String(repeating: "0", count: max(0, part.width - digits.count)) + digits
            }
            return missing ?? value
        case .enumeration(let values, let missing):
            if values.contains(value) || value == missing { return value }
            if let match = values.first(where: { $0.lowercased() == value.lowercased() }) { return match }
            let initial = value.prefix(1).uppercased()
            let single = values.filter { $0.count == 1 && $0.uppercased() == initial }
            if ["male", "female"].contains(value.lowercased()), single.count == 1 { return single[0] }
            return missing ?? value
        }
    }
}

extension DateFormat {
    /// The date written in this pattern (months and days with two digits, as strftime writes them).
    public func render(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = ""
        for part in parts {
            switch part {
            case .year4: out += pad(year, 4)
            case .year2: out += pad(year % 100, 2)
            case .month: out += pad(month, 2)
            case .day: out += pad(day, 2)
            case .literal(let c): out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
