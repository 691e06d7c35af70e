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
            // bucket -> (first incident's area and month, repeat?)
            var buckets: [Int: (area: String, month: Int, isRepeat: Bool)] = [:]
            for incident in distinctDays(own) {
                guard let bucket = placing(incident.month) else { continue }
                if var held = buckets[bucket] {
                    held.isRepeat = held.isRepeat || incident.isRepeat
                    buckets[bucket] = held
                } else {
                    buckets[bucket] = (incident.area, incident.month, incident.isRepeat)
                }
            }
            for (_, held) in buckets {
                atoms.add(.init(measure: victimMeasure, area: held.area, month: held.month, category: category))
                if held.isRepeat { atoms.add(.init(measure: repeatMeasure, area: held.area, month: held.month, category: category)) }
            }
        }
        return atoms
    }

    /// One victim's incidents, one per day in day order, each with its month
    /// and whether it repeats an earlier one within 12 months.
    static func distinctDays(_ own: [VictimIncident]) -> [(month: Int, area: String, isRepeat: Bool)] {
        var result: [(month: Int, area: String, isRepeat: Bool)] = []
        var previousDay: Int?
        // Records of one day in any order give the same incident: the first by area stands for them.
        for incident in own.sorted(by: { ($0.day, $0.area) < ($1.day, $1.area) }) {
            let day = incident.day.dayNumber
            if day == previousDay { continue }
            let isRepeat = previousDay.map { day - $0 <= windowDays + (spansLeapDay(from: $0, to: day) ? 1 : 0) } ?? false
            previousDay = day
            result.append((MonthIndex.of(year: incident.day.year, month: incident.day.month), incident.area, isRepeat))
        }
        return result
    }

    /// Where one victim falls in any window of whole months: kept for each
    /// month holding an incident of theirs, so that victims and repeat victims
    /// over any window, and per month, quarter or year, are counted from these
    /// keys alone, never from the incidents (the counts then cost the same
    /// however many incidents the store holds).
    ///
    /// A victim is counted in window `first...last` at the one key whose
    /// `month` is in it and whose `previous` is before it (their first month
    /// in the window), and is a repeat victim there when `firstRepeat` is
    /// within it.
    public struct WindowKey: Sendable, Hashable {
        /// A month holding an incident of the victim.
        public var month: Int
        /// The victim's latest incident month before `month` (`Int.min` when none).
        public var previous: Int
        /// The first month from `month` on holding a repeat incident of theirs (`Int.max` when none).
        public var firstRepeat: Int
        /// Where their first incident in `month` happened.
        public var area: String
    }

    /// The window keys of every victim, with how many victims share each.
    public static func windowKeys(_ incidents: [VictimIncident]) -> [WindowKey: Int] {
        var keys: [WindowKey: Int] = [:]
        for (_, own) in Dictionary(grouping: incidents, by: \.victim) {
            for key in windowKeys(victim: own) { keys[key, default: 0] += 1 }
        }
        return keys
    }

    /// One victim's window keys (all their incidents).
    public static func windowKeys(victim own: [VictimIncident]) -> [WindowKey] {
        var months: [(month: Int, area: String, hasRepeat: Bool)] = []
        for incident in distinctDays(own) {
            if months.last?.month == incident.month {
                months[months.count - 1].hasRepeat = months[months.count - 1].hasRepeat || incident.isRepeat
            } else {
                months.append((incident.month, incident.area, incident.isRepeat))
            }
        }
        var keys: [WindowKey] = []
        var firstRepeat = Int.max
        for index in months.indices.reversed() {
            if months[index].hasRepeat { firstRepeat = months[index].month }
            keys.append(WindowKey(month: months[index].month, previous: index > 0 ? months[index - 1].month : Int.min,
                                  firstRepeat: firstRepeat, area: months[index].area))
        }
        return keys
    }

    /// Victims and repeat victims in the window `first...last`, each placed at
    /// their first incident in it: the same as ``atoms(_:placing:rule:)`` with
    /// every month of the window placed in one bucket.
    public static func atoms(windowKeys keys: [WindowKey: Int], first: Int, last: Int, rule: String) -> CountAtoms {
        let (victimMeasure, repeatMeasure) = measures(rule: rule)
        var atoms = CountAtoms()
        for (key, n) in keys where key.month >= first && key.month <= last && key.previous < first {
            atoms.add(.init(measure: victimMeasure, area: key.area, month: key.month, category: category), count: n)
            if key.firstRepeat <= last { atoms.add(.init(measure: repeatMeasure, area: key.area, month: key.month, category: category), count: n) }
        }
        return atoms
    }

    /// Victims and repeat victims per whole month, quarter or year from
    /// `first` to `last`: the same as ``atoms(_:placing:rule:)`` placing each
    /// month at the start of its period.
    public static func atoms(windowKeys keys: [WindowKey: Int], level: PeriodLevel, first: Int, last: Int, rule: String) -> CountAtoms {
        let (victimMeasure, repeatMeasure) = measures(rule: rule)
        var atoms = CountAtoms()
        for (key, n) in keys where key.month >= first && key.month <= last {
            let start = MonthIndex.start(of: key.month, level: level)
            guard key.previous < start else { continue }
            atoms.add(.init(measure: victimMeasure, area: key.area, month: key.month, category: category), count: n)
            if key.firstRepeat < start + level.months { atoms.add(.init(measure: repeatMeasure, area: key.area, month: key.month, category: category), count: n) }
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
