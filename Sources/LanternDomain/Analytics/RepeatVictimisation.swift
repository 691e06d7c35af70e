/// One domestic abuse incident with its victim, as the repeat
/// victimisation report reads it: no name, a key that only tells victims apart.
public struct VictimIncident: Sendable, Hashable {
    /// The linked person's id, else the partner's record key.
    public var victim: String
    public var day: CalendarDate
    /// The postcode sector of the incident, or an "unplaced" marker.
    public var area: String

    public init(victim: String, day: CalendarDate, area: String) {
        self.victim = victim
        self.day = day
        self.area = area
    }
}

/// Repeat victimisation: the share of domestic abuse victims in a period who
/// had a repeat incident, that is an incident within 12 months after an
/// earlier one of theirs (SafeLives counts any instance within 12 months as a
/// repeat). Several records of one victim on one day are one incident, so two
/// partners recording the same call-out make no repeat.
///
/// Use ``atoms(_:placing:rule:)`` to count victims per period or per request
/// window. Contract: each victim is counted once per bucket, placed at the
/// area and month of their first incident in it; a repeat victim is also a
/// victim; an earlier incident before the bucket still makes a repeat.
public enum RepeatVictimisation {
    public static let victims = "da-victims"
    public static let repeatVictims = "da-repeat-victims"
    public static let category = "domestic-abuse"
    /// "Within 12 months": up to 365 days after the earlier incident (366 across a leap day).
    public static let windowDays = 365

    /// The measure names under a placing rule, e.g. "da-victims@quarter".
    public static func measures(rule: String) -> (victims: String, repeats: String) {
        ("\(victims)@\(rule)", "\(repeatVictims)@\(rule)")
    }

    /// Victims and repeat victims per bucket; `placing` maps a month index to
    /// its bucket's first month, or nil when the month is outside every bucket.
    public static func atoms(_ incidents: [VictimIncident], placing: (Int) -> Int?, rule: String) -> CountAtoms {
        let (victimMeasure, repeatMeasure) = measures(rule: rule)
        var atoms = CountAtoms()
        for (_, own) in Dictionary(grouping: incidents, by: \.victim) {
            let days = own.sorted { $0.day < $1.day }
            var previousDay: Int?
            // bucket -> (first incident's area and month, repeat?)
            var buckets: [Int: (area: String, month: Int, isRepeat: Bool)] = [:]
            for incident in days {
                let day = incident.day.dayNumber
                if day == previousDay { continue }
                let isRepeat = previousDay.map { day - $0 <= windowDays + (spansLeapDay(from: $0, to: day) ? 1 : 0) } ?? false
                previousDay = day
                let month = MonthIndex.of(year: incident.day.year, month: incident.day.month)
                guard let bucket = placing(month) else { continue }
                if var held = buckets[bucket] {
                    held.isRepeat = held.isRepeat || isRepeat
                    buckets[bucket] = held
                } else {
                    buckets[bucket] = (incident.area, month, isRepeat)
                }
            }
            for (_, held) in buckets {
                atoms.add(.init(measure: victimMeasure, area: held.area, month: held.month, category: category))
                if held.isRepeat { atoms.add(.init(measure: repeatMeasure, area: held.area, month: held.month, category: category)) }
            }
        }
        return atoms
    }

    /// Whether a 29 February falls after `from` and on or before `to` (day numbers).
    static func spansLeapDay(from: Int, to: Int) -> Bool {
        let start = CalendarDate(dayNumber: from), end = CalendarDate(dayNumber: to)
        for year in start.year...end.year where CalendarDate.isLeap(year) {
            let leap = CalendarDate(year: year, month: 2, day: 29)!.dayNumber
            if leap > from && leap <= to { return true }
        }
        return false
    }
}
