/// A range of ages in whole years, inclusive at both ends, that a rule asks of
/// the person an event is about, on the day of the event.
///
/// Use it in need and alert rules ("a child", "under five"). Contract: ages are
/// completed years on the event day (a person born on 29 February has their
/// birthday on 1 March in other years); a person whose date of birth is not
/// known, or who was not yet born, is in no band.
public struct AgeBand: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Youngest age in the band, in completed years.
    public var fromYears: Int
    /// Oldest age in the band, in completed years; nil means no upper limit.
    public var toYears: Int?

    public init(fromYears: Int, toYears: Int? = nil) {
        self.fromYears = fromYears
        self.toYears = toYears
    }

    /// Under 18: a child in law (Children Act 1989 s105).
    public static let child = AgeBand(fromYears: 0, toYears: 17)
    /// Under 5: the early years.
    public static let underFive = AgeBand(fromYears: 0, toYears: 4)
    /// 18 and over.
    public static let adult = AgeBand(fromYears: 18)

    /// Whether someone born on `birth` is in the band on `day`.
    public func contains(bornOn birth: CalendarDate?, on day: CalendarDate) -> Bool {
        guard let birth, let age = AgeBand.age(bornOn: birth, on: day) else { return false }
        return age >= fromYears && (toYears.map { age <= $0 } ?? true)
    }

    /// Completed years on `day`, or nil when `day` is before the birth.
    public static func age(bornOn birth: CalendarDate, on day: CalendarDate) -> Int? {
        guard birth <= day else { return nil }
        let hadBirthday = (day.month, day.day) >= (birth.month, birth.day)
        return day.year - birth.year - (hadBirthday ? 0 : 1)
    }

    public var description: String {
        switch toYears {
        case nil: "aged \(fromYears) or over"
        case let to? where fromYears == 0: "aged under \(to + 1)"
        case let to?: "aged \(fromYears) to \(to)"
        }
    }
}
