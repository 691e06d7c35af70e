/// A household member as the equality report counts them: no name, only
/// the characteristics the report splits by.
public struct EqualityPerson: Sendable, Hashable {
    public var household: String
    /// The household's postcode district, or an "unplaced" marker.
    public var area: String
    public var sex: Sex?
    /// Completed years today, if the date of birth is known.
    public var age: Int?
    public var ethnicGroup: EthnicGroup?

    public init(household: String, area: String, sex: Sex?, age: Int?, ethnicGroup: EthnicGroup?) {
        self.household = household
        self.area = area
        self.sex = sex
        self.age = age
        self.ethnicGroup = ethnicGroup
    }
}

/// Equality impact of case finding: how many people live in households the
/// need rules list, against all people in households, split by sex, age band
/// or ethnic group, so that a rule that lists one group far more often than
/// another shows.
///
/// Use ``atoms(_:listed:asAt:)``. Contract: each person is one unit under
/// each split (the split is named in the measure, so the three never
/// combine); "listed" counts people whose household is on the list.
public enum EqualityCounts {
    public enum Split: String, Sendable, CaseIterable {
        case sex, age, ethnicity

        public var heading: String {
            switch self {
            case .sex: "Sex"
            case .age: "Age band"
            case .ethnicity: "Ethnic group (ONS 2021)"
            }
        }

        /// The groups in the order the table lists them: (category, label).
        public var groups: [(String, String)] {
            switch self {
            case .sex: [("F", "Female"), ("M", "Male"), ("other", "Other or not known")]
            case .age: EqualityCounts.ageBands.map { ($0.label, $0.label) } + [("unknown", "Not known")]
            case .ethnicity: EthnicGroup.allCases.map { ($0.rawValue, $0.label) } + [("unknown", "Not recorded")]
            }
        }
    }

    public static let ageBands: [(label: String, from: Int, to: Int)] = [
        ("0-4", 0, 4), ("5-10", 5, 10), ("11-15", 11, 15), ("16-17", 16, 17), ("18-24", 18, 24),
        ("25-44", 25, 44), ("45-64", 45, 64), ("65 and over", 65, 200),
    ]

    public static func measures(_ split: Split) -> (people: String, listed: String) {
        ("equality-people@\(split.rawValue)", "equality-listed@\(split.rawValue)")
    }

    public static func category(of person: EqualityPerson, by split: Split) -> String {
        switch split {
        case .sex: person.sex == .female ? "F" : person.sex == .male ? "M" : "other"
        case .age: person.age.flatMap { age in ageBands.first { (($0.from)...($0.to)).contains(age) }?.label } ?? "unknown"
        case .ethnicity: person.ethnicGroup?.rawValue ?? "unknown"
        }
    }

    /// `listed` holds the household ids on the case-finding list.
    public static func atoms(_ people: [EqualityPerson], listed: Set<String>, asAt month: Int) -> CountAtoms {
        peopleAtoms(people, asAt: month).merged(with: listedAtoms(Dictionary(grouping: people, by: \.household), listed: listed, asAt: month))
    }

    /// Everyone in a household, under each split: made once per store change.
    public static func peopleAtoms(_ people: [EqualityPerson], asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for person in people {
            for split in Split.allCases {
                atoms.add(.init(measure: measures(split).people, area: person.area, month: month, category: category(of: person, by: split)))
            }
        }
        return atoms
    }

    /// The people of the listed households (`members` maps a household id to
    /// its people), under each split: the cost follows the list, not the store.
    public static func listedAtoms(_ members: [String: [EqualityPerson]], listed: Set<String>, asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for household in listed {
            for person in members[household] ?? [] {
                for split in Split.allCases {
                    atoms.add(.init(measure: measures(split).listed, area: person.area, month: month, category: category(of: person, by: split)))
                }
            }
        }
        return atoms
    }
}

/// One member of a cohort given an intervention (a MARAC hearing, IOM
/// selection) and the day it began.
public struct CohortMember: Sendable, Hashable {
    /// The same key the incidents use for the person.
    public var person: String
    public var startedOn: CalendarDate

    public init(person: String, startedOn: CalendarDate) {
        self.person = person
        self.startedOn = startedOn
    }
}

/// Before and after: incidents in the `days` before an intervention began
/// and in the `days` after, for a cohort, placed at the month it began.
///
/// Contract: only members whose after-window has ended by `today` are
/// counted, so a recent start does not look like a fall; an incident on the
/// start day is in neither window; one incident per person per day.
public enum CohortEvaluation {
    public static let members = "evaluation-members"
    public static let before = "evaluation-before"
    public static let after = "evaluation-after"
    public static let category = "evaluation"

    public static func atoms(_ cohort: [CohortMember], incidents: [VictimIncident], today: CalendarDate, days: Int) -> CountAtoms {
        atoms(cohort, incidentDays: incidentDays(incidents), today: today, days: days)
    }

    /// Each victim's incident days (one per day): made once per store change.
    public static func incidentDays(_ incidents: [VictimIncident]) -> [String: Set<Int>] {
        Dictionary(grouping: incidents, by: \.victim).mapValues { Set($0.map(\.day.dayNumber)) }
    }

    /// The same counts from each victim's incident days: the cost follows the cohort, not the store.
    public static func atoms(_ cohort: [CohortMember], incidentDays daysOf: [String: Set<Int>], today: CalendarDate, days: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for member in cohort {
            let start = member.startedOn.dayNumber
            guard start + days < today.dayNumber else { continue }
            let month = MonthIndex.of(year: member.startedOn.year, month: member.startedOn.month)
            let own = daysOf[member.person] ?? []
            let earlier = own.filter { $0 < start && $0 >= start - days }.count
            let later = own.filter { $0 > start && $0 <= start + days }.count
            atoms.add(.init(measure: members, area: "partnership", month: month, category: category))
            if earlier > 0 { atoms.add(.init(measure: before, area: "partnership", month: month, category: category), count: earlier) }
            if later > 0 { atoms.add(.init(measure: after, area: "partnership", month: month, category: category), count: later) }
        }
        return atoms
    }
}
