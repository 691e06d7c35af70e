/// A date of birth packed as `yyyymmdd` in an `Int32`, with the comparisons linkage needs.
///
/// Use `BirthDate.parse` on raw text; it accepts `YYYY-MM-DD`, `DD/MM/YYYY`, `DD-MM-YYYY`,
/// `DD.MM.YYYY` and `YYYYMMDD`. Contract: only real calendar dates between 1850 and 2100
/// are returned; a date whose month is over 12 but whose day is a valid month is read
/// with day and month swapped (a transposition at entry) and flagged as such.
public struct BirthDate: Hashable, Sendable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1850...2100).contains(year), (1...12).contains(month),
              day >= 1, day <= BirthDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `yyyymmdd` as one integer (19850314).
    public var packed: Int32 { Int32(year * 10_000 + month * 100 + day) }

    /// The ISO form, 1985-03-14.
    public var isoString: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: BirthDate, rhs: BirthDate) -> Bool { lhs.packed < rhs.packed }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The result of reading raw date text.
    public enum Reading: Equatable, Sendable {
        case valid(BirthDate)
        /// Read as a real date only after swapping day and month.
        case swapped(BirthDate)
        case invalid
        case missing
    }

    /// Reads raw date text in any of the accepted shapes.
    public static func parse(_ raw: String?) -> Reading {
        guard let raw else { return .missing }
        if raw.utf8.count > 40 { return .invalid }
        var bytes = Substring(raw).utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        if bytes.isEmpty { return .missing }
        // Up to three numbers and their digit counts, in locals: this runs twice for every
        // record read, and two arrays a call were most of its cost.
        var numbers = (0, 0, 0), widths = (0, 0, 0)
        var count = 0
        var current = 0, width = 0
        func push() {
            switch count {
            case 0: numbers.0 = current; widths.0 = width
            case 1: numbers.1 = current; widths.1 = width
            default: numbers.2 = current; widths.2 = width
            }
            count += 1
        }
        for byte in bytes {
            if byte >= 0x30, byte <= 0x39 {
                current = current * 10 + Int(byte - 0x30)
                width += 1
                if width > 8 { return .invalid }
                continue
            }
            let isSeparator = byte == 0x2D || byte == 0x2F || byte == 0x2E || byte == 0x20 || byte == 0x54
            guard isSeparator, width > 0 else { return .invalid }
            push()
            current = 0; width = 0
            if count == 3 { break }  // a time part may follow
        }
        if width > 0 { push() }
        if count == 0 { return .missing }
        let y: Int, m: Int, d: Int
        if count == 1, widths.0 == 8 {
            y = numbers.0 / 10_000; m = numbers.0 / 100 % 100; d = numbers.0 % 100
        } else if count >= 3, widths.0 == 4 {
            y = numbers.0; m = numbers.1; d = numbers.2
        } else if count >= 3, widths.2 == 4 {
            d = numbers.0; m = numbers.1; y = numbers.2
        } else {
            return .invalid
        }
        if let date = BirthDate(year: y, month: m, day: d) { return .valid(date) }
        if let date = BirthDate(year: y, month: d, day: m) { return .swapped(date) }
        return .invalid
    }
}

/// How two packed dates of birth agree, from strongest to weakest.
enum BirthDateAgreement: UInt8 {
    case exact, transposedDayMonth, oneComponentOff, sameYear, withinTwoYears, different

    @inline(__always)
    static func compare(_ a: Int32, _ b: Int32) -> BirthDateAgreement {
        if a == b { return .exact }
        let ya = a / 10_000, ma = a / 100 % 100, da = a % 100
        let yb = b / 10_000, mb = b / 100 % 100, db = b % 100
        if ya == yb, ma == db, da == mb { return .transposedDayMonth }
        let same = (ya == yb ? 1 : 0) + (ma == mb ? 1 : 0) + (da == db ? 1 : 0)
        if same == 2 {
            // Two parts agree: a typing slip in the third unless years are far apart.
            if ya != yb { return abs(ya - yb) <= 10 || sameDigitsButOne(ya, yb) ? .oneComponentOff : .different }
            return .oneComponentOff
        }
        if ya == yb { return .sameYear }
        return abs(ya - yb) <= 2 ? .withinTwoYears : .different
    }

    @inline(__always)
    private static func sameDigitsButOne(_ a: Int32, _ b: Int32) -> Bool {
        var x = a, y = b, differing = 0
        for _ in 0..<4 {
            if x % 10 != y % 10 { differing += 1 }
            x /= 10; y /= 10
        }
        return differing == 1
    }
}
