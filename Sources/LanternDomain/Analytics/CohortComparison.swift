/// Builds the two groups of a matched evaluation of MARAC from victims'
/// incident days: victims heard at MARAC, and similar victims never heard.
///
/// Why timed this way: a victim is heard some days after the incident that
/// led to the referral, and incidents cluster around a crisis. Each victim
/// not heard is therefore timed from one of their own incidents plus the
/// cohort's median wait from last incident to hearing, so both groups start
/// their "after" window the same distance from a crisis. Contract: only
/// starts in `months`, in quarters every one of whose after-windows has ended
/// by `today`, count (so a quarter's groups stop changing once shown); each
/// person counts once (a victim not heard at their first eligible incident);
/// both are matched on the band of incidents before and the quarter started.
public enum CohortComparison {
    /// Bands of incidents in the window before: 0, 1, 2, 3-4, 5 or more.
    public static func band(_ before: Int) -> String {
        switch before {
        case ..<1: "0"
        case 1: "1"
        case 2: "2"
        case 3...4: "3-4"
        default: "5+"
        }
    }

    /// The cohort's median days from its last incident before the hearing to the hearing (14 if none is known).
    public static func medianWait(_ cohort: [CohortMember], incidentDays daysOf: [String: Set<Int>], days: Int) -> Int {
        let waits = cohort.compactMap { member -> Int? in
            let start = member.startedOn.dayNumber
            return (daysOf[member.person] ?? []).filter { $0 < start && $0 >= start - days }.max().map { start - $0 }
        }.sorted()
        return waits.isEmpty ? 14 : waits[waits.count / 2]
    }

    /// `alsoMatch(person, start)` adds to the profile what else both groups are matched on (the need profile, say).
    public static func groups(cohort: [CohortMember], incidentDays daysOf: [String: Set<Int>], today: CalendarDate,
                              days: Int, months: ClosedRange<Int>,
                              alsoMatch: @escaping (String, Int) -> String = { _, _ in "" }) -> (cohort: [EvaluationUnit], comparison: [EvaluationUnit]) {
        let wait = medianWait(cohort, incidentDays: daysOf, days: days)
        let unit = { (person: String, start: Int, own: Set<Int>) -> EvaluationUnit? in
            let month = monthIndex(ofDay: start)
            let quarter = MonthIndex.start(of: month, level: .quarter)
            guard lastDay(ofQuarter: quarter) + days < today.dayNumber, months.contains(month) else { return nil }
            let before = own.filter { $0 < start && $0 >= start - days }.count
            let after = own.filter { $0 > start && $0 <= start + days }.count
            let also = alsoMatch(person, start)
            return EvaluationUnit(profile: "\(band(before)) before, started \(MonthIndex.label(quarter, level: .quarter))\(also.isEmpty ? "" : ", \(also)")",
                                  before: before, after: after, period: quarter)
        }
        let heard = Set(cohort.map(\.person))
        let treated = cohort.compactMap { unit($0.person, $0.startedOn.dayNumber, daysOf[$0.person] ?? []) }
        let comparison = daysOf.keys.sorted().compactMap { person -> EvaluationUnit? in
            guard !heard.contains(person), let own = daysOf[person] else { return nil }
            return own.sorted().lazy.compactMap { unit(person, $0 + wait, own) }.first
        }
        return (treated, comparison)
    }

    static func lastDay(ofQuarter quarter: Int) -> Int {
        let next = quarter + 3
        return CalendarDate(year: MonthIndex.year(next), month: MonthIndex.month(next), day: 1)!.dayNumber - 1
    }

    static func monthIndex(ofDay day: Int) -> Int {
        let date = CalendarDate(dayNumber: day)
        return MonthIndex.of(year: date.year, month: date.month)
    }
}
