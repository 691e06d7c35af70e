/// A calendar day for generated data, with no time or zone.
///
/// Use it to pass the reference date ("today" for the generated history) into
/// ``PartnershipGenerator``; the generator never reads the clock. Contract:
/// only real days in 1800-9999 can be constructed, ordering is by day, and the
/// text forms are `YYYY-MM-DD` (``iso``) and `DD/MM/YYYY` (``british``).
public struct SyntheticDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1800...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= SyntheticDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `dayNumber` days after 1970-01-01 (negative before).
    public init(dayNumber: Int) {
        // Days-to-civil conversion on 400-year eras (Hinnant's algorithm).
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY`; nil for anything else or an impossible day.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
                  let d = number(0..<2), let m = number(3..<5), let y = number(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> SyntheticDate { SyntheticDate(dayNumber: dayNumber + days) }

    /// The same month and day `years` later (28 February for 29 February in a common year).
    public func adding(years: Int) -> SyntheticDate {
        let target = year + years
        let lastDay = SyntheticDate.daysIn(month: month, year: target)
        return SyntheticDate(year: target, month: month, day: min(day, lastDay))!
    }

    public static func < (lhs: SyntheticDate, rhs: SyntheticDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        guard (0...9999).contains(year) else { return "\(year)-\(month)-\(day)" }
        // Ten ASCII bytes fit a small (inline) string: no allocation per date,
        // which matters when writing millions of rows.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            SyntheticDate.write(year, width: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            SyntheticDate.write(month, width: 2, into: buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            SyntheticDate.write(day, width: 2, into: buffer, at: 8)
            return 10
        }
    }

    /// `DD/MM/YYYY`, the form many UK case systems export.
    public var british: String {
        guard (0...9999).contains(year) else { return "\(day)/\(month)/\(year)" }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            SyntheticDate.write(day, width: 2, into: buffer, at: 0)
            buffer[2] = UInt8(ascii: "/")
            SyntheticDate.write(month, width: 2, into: buffer, at: 3)
            buffer[5] = UInt8(ascii: "/")
            SyntheticDate.write(year, width: 4, into: buffer, at: 6)
            return 10
        }
    }

    public var description: String { iso }

    private static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            buffer[index] = UInt8(48 + rest % 10)
            rest /= 10
        }
    }

    /// Appends `value` zero-padded to `width` digits (wider values in full).
    static func appendDigits(_ value: Int, width: Int, to text: inout String) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        guard value >= 0, value < divisor * 10, width <= 15 else {
            text += String(value)
            return
        }
        text += String(unsafeUninitializedCapacity: width) { buffer in
            SyntheticDate.write(value, width: width, into: buffer, at: 0)
            return width
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = SyntheticDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
