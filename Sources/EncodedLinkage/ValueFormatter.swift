import Foundation

/// Checks a value against its feature's format and rewrites it the way clkhash does
/// before tokenising: dates become YYYYMMDD, integers lose leading zeros and signs of
/// "+", everything else is hashed as written.
///
/// Contract: a value equal to the feature's missing-value sentinel is not checked and
/// is hashed as its `replaceWith` (or the sentinel itself); any other value that does
/// not meet the format throws `EncodingProblem.notInFormat`, naming the feature.
// @unchecked: NSRegularExpression is immutable once made and documented as safe to share between threads.
struct ValueFormatter: @unchecked Sendable {
    let identifier: String
    let format: LinkageSchema.Format
    let missing: LinkageSchema.MissingValue?
    let regex: NSRegularExpression?
    let dateFormat: DateFormat?

    init(feature: LinkageSchema.Feature) {
        identifier = feature.identifier
        format = feature.format ?? .string(encoding: .utf8, textCase: nil, minLength: nil, maxLength: nil, pattern: nil)
        missing = feature.hashing?.missingValue
        if case .string(_, _, _, _, let pattern?) = format {
            // clkhash matches the whole value (re.fullmatch).
            regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$")
        } else {
            regex = nil
        }
        if case .date(let pattern) = format { dateFormat = DateFormat(pattern) } else { dateFormat = nil }
    }

    func formatted(_ value: String) throws -> String {
        if let missing, value == missing.sentinel { return missing.replaceWith ?? missing.sentinel }
        func refuse(_ reason: String) -> EncodingProblem { EncodingProblem(.notInFormat, field: identifier, reason: reason) }
        switch format {
        case .string(let encoding, let textCase, let minLength, let maxLength, _):
            if encoding == .ascii, value.unicodeScalars.contains(where: { !$0.isASCII }) {
                throw EncodingProblem(.notEncodable, field: identifier, reason: "has characters that are not ASCII, as the schema requires")
            }
            let length = value.unicodeScalars.count
            if let minLength, length < minLength { throw refuse("is shorter than \(minLength) characters") }
            if let maxLength, length > maxLength { throw refuse("is longer than \(maxLength) characters") }
            switch textCase {
            case .upper?: if value != value.uppercased() { throw refuse("must be in upper case") }
            case .lower?: if value != value.lowercased() { throw refuse("must be in lower case") }
            default: break
            }
            if let regex, regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) == nil {
                throw refuse("does not match the schema's pattern")
            }
            return value
        case .integer(let minimum, let maximum):
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard let number = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) else {
                throw refuse("must be a whole number")
            }
            if let minimum, number < minimum { throw refuse("must be at least \(minimum)") }
            if let maximum, number > maximum { throw refuse("must be at most \(maximum)") }
            return String(number)
        case .date(let pattern):
            guard let dateFormat, let day = dateFormat.yyyymmdd(value) else {
                throw refuse("must be a real date written as \(pattern)")
            }
            return day
        case .enumeration(let values):
            guard values.contains(value) else { throw refuse("must be one of \(values.joined(separator: ", "))") }
            return value
        }
    }
}
