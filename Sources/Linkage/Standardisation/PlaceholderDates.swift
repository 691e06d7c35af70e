/// Dates of birth that stand for "not known": system defaults such as 1900-01-01, and any
/// date carried by far more records than a real birthday could be.
///
/// A default date makes one huge block and, worse, looks like agreement between strangers
/// (and like a conflict between a person's own records). Contract: a date found here is
/// treated as missing for blocking, comparison and the cannot-link rule, counted in
/// `FieldQuality.placeholderDates` and reported as a warning; the raw value is only named
/// when it is one of the known defaults, since any other date could be someone's birthday.
enum PlaceholderDates {
    /// Defaults no living person is plausibly born on, packed `yyyymmdd`: always "not known".
    static let always: Set<Int32> = [18_500_101, 18_991_231, 19_000_101, 19_010_101]
    /// Defaults that are also real birthdays (the Unix epoch, the millennium): "not known"
    /// only where a run holds several times more of them than of an ordinary date.
    static let suspect: Set<Int32> = [19_700_101, 20_000_101]
    static let suspectFactor = 3

    /// A date held by more records than this many times the average date is not a birthday.
    static let crowdFactor = 25
    /// ...and never below this many records, so small files never lose real dates.
    static let crowdFloor = 200
    /// A suspect default needs at least this many records to be treated as one.
    static let suspectFloor = 3

    struct Finding: Equatable, Sendable {
        var packed: Int32
        var records: Int
        var isKnownDefault: Bool

        var warning: String {
            let what = isKnownDefault ? "date of birth \(BirthDate.text(packed))" : "one date of birth"
            return "\(what) is on \(records) records: treated as \"not known\", not as evidence"
        }
    }

    /// The dates in `births` (packed, 0 for missing) that are placeholders, most used first.
    static func find(in births: [Int32]) -> [Finding] {
        var counts: [Int32: Int] = [:]
        var present = 0
        for date in births where date != 0 {
            counts[date, default: 0] += 1
            present += 1
        }
        guard !counts.isEmpty else { return [] }
        let average = max(1, present / counts.count)
        let crowd = max(crowdFloor, average * crowdFactor)
        return counts.compactMap { date, count -> Finding? in
            let known = suspect.contains(date)
            let crowdedDefault = known && count >= max(suspectFloor, average * suspectFactor)
            guard count >= crowd || crowdedDefault else { return nil }
            return Finding(packed: date, records: count, isKnownDefault: known)
        }
        .sorted { $0.records != $1.records ? $0.records > $1.records : $0.packed < $1.packed }
    }
}

extension BirthDate {
    /// `yyyy-mm-dd` for a packed date.
    static func text(_ packed: Int32) -> String {
        let p = Int(packed)
        return BirthDate(year: p / 10_000, month: p / 100 % 100, day: p % 100)?.isoString ?? String(p)
    }
}
