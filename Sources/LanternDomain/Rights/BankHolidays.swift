/// The bank holidays of England and Wales, worked out from the rules rather
/// than kept as a list that runs out.
///
/// Use ``contains(_:)`` through ``WorkingDays``. Contract: New Year's Day,
/// Good Friday, Easter Monday, the early May, spring and summer bank
/// holidays, Christmas Day and Boxing Day, with the substitute days the
/// Banking and Financial Dealings Act 1971 proclamations give when one falls
/// at a weekend. One-off days (a coronation, a state funeral) are not
/// rules: pass them as `extra`.
public struct BankHolidays: Sendable, Hashable {
    public let extra: Set<CalendarDate>

    public init(extra: Set<CalendarDate> = []) { self.extra = extra }

    public static let englandAndWales = BankHolidays()

    public func contains(_ day: CalendarDate) -> Bool {
        extra.contains(day) || Self.holidays(in: day.year).contains(day)
    }

    /// Every rule-based bank holiday of `year`, substitutes included.
    public static func holidays(in year: Int) -> Set<CalendarDate> {
        func date(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        let easter = easterSunday(year)
        var days: Set<CalendarDate> = [
            easter.adding(days: -2), easter.adding(days: 1),
            firstMonday(of: 5, in: year), lastMonday(of: 5, in: year), lastMonday(of: 8, in: year),
        ]
        // New Year's Day moves to the Monday after a weekend.
        days.insert(nextWeekday(date(1, 1)))
        // Christmas and Boxing Day: a weekend day moves to the next weekday not already taken.
        let christmas = nextWeekday(date(12, 25))
        days.insert(christmas)
        var boxing = nextWeekday(date(12, 26))
        if boxing == christmas { boxing = nextWeekday(boxing.adding(days: 1)) }
        days.insert(boxing)
        return days
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian
    /// algorithm, as in Meeus, Astronomical Algorithms).
    public static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    private static func firstMonday(of month: Int, in year: Int) -> CalendarDate {
        var day = CalendarDate(year: year, month: month, day: 1)!
        while day.weekday != .monday { day = day.adding(days: 1) }
        return day
    }

    private static func lastMonday(of month: Int, in year: Int) -> CalendarDate {
        var day = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        while day.weekday != .monday { day = day.adding(days: -1) }
        return day
    }

    private static func nextWeekday(_ day: CalendarDate) -> CalendarDate {
        var day = day
        while day.weekday.isWeekend { day = day.adding(days: 1) }
        return day
    }
}

/// A day of the week.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension CalendarDate {
    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let offset = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: offset)!
    }

    /// The same day of the month `months` later, or that month's last day
    /// when it is shorter (31 January plus one month is 28 or 29 February).
    public func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: newDay)!
    }
}
