/// The subset of strptime date patterns clkhash schemas use (`%Y-%m-%d`, `%d/%m/%Y`,
/// `%Y%m%d`, `%y`...), parsed as Python's `datetime.strptime` parses them, so a value
/// is accepted, and hashed as `YYYYMMDD`, exactly when clkhash accepts it.
///
/// Contract: `init` is nil for a pattern with a directive other than %Y %y %m %d %%;
/// `yyyymmdd` is nil for a value that does not fit the pattern or is not a real date.
public struct DateFormat: Sendable, Equatable {
    enum Part: Sendable, Equatable { case year4, year2, month, day, literal(Unicode.Scalar) }
    let parts: [Part]

    public init?(_ pattern: String) {
        var parts: [Part] = []
        var scalars = pattern.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "%" else { parts.append(.literal(c)); continue }
            switch scalars.next() {
            case "Y": parts.append(.year4)
            case "y": parts.append(.year2)
            case "m": parts.append(.month)
            case "d": parts.append(.day)
            case "%": parts.append(.literal("%"))
            default: return nil
            }
        }
        guard parts.contains(.month), parts.contains(.day), parts.contains(.year4) || parts.contains(.year2) else { return nil }
        self.parts = parts
    }

    /// The value as `YYYYMMDD`, the form clkhash hashes dates in.
    public func yyyymmdd(_ value: String) -> String? {
        guard let (y, m, d) = components(value) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(y, 4) + pad(m, 2) + pad(d, 2)
    }

    /// The value's year, month and day, when it fits the pattern and is a real date.
    public func components(_ value: String) -> (Int, Int, Int)? {
        let s = Array(value.unicodeScalars)
        var i = 0
        var year = 1900, month = 1, day = 1
        func digits(max: Int, exactly: Bool) -> Int? {
            var n = 0, count = 0
            while i < s.count, count < max, let d = s[i].properties.numericType == .decimal ? Int(String(s[i])) : nil {
                n = n * 10 + d
                i += 1
                count += 1
            }
            return count == 0 || (exactly && count != max) ? nil : n
        }
        for part in parts {
            switch part {
            case .year4: guard let y = digits(max: 4, exactly: true) else { return nil }; year = y
            case .year2:
                // Python's strptime: 69-99 are 1969-1999, 00-68 are 2000-2068.
                guard let y = digits(max: 2, exactly: false) else { return nil }
                year = y >= 69 ? 1900 + y : 2000 + y
            case .month: guard let m = digits(max: 2, exactly: false) else { return nil }; month = m
            case .day: guard let d = digits(max: 2, exactly: false) else { return nil }; day = d
            case .literal(let c):
                guard i < s.count, s[i] == c else { return nil }
                i += 1
            }
        }
        guard i == s.count, year >= 1, (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else {
            return nil
        }
        return (year, month, day)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
