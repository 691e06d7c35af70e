import LanternDomain
import PropertyBased
import Testing

/// The repeat victimisation counts made from the victims' window keys (what a
/// report reads) are the counts made from the incidents themselves, for any
/// incidents, any window and any period level.
@Suite struct WindowKeyTests {
    static let areas = ["AB1 1", "AB1 2", "AB2 1"]
    static let start = CalendarDate(year: 2024, month: 1, day: 1)!

    /// Codes drawn by the generator: victim, day over three years, area.
    static func incidents(_ codes: [Int]) -> [VictimIncident] {
        codes.map { code in
            VictimIncident(victim: "V\(code % 25)", day: start.adding(days: code / 25 % 1095), area: areas[code / (25 * 1095) % 3])
        }
    }

    func same(_ keyed: CountAtoms, _ counted: CountAtoms, rule: String) {
        let (victims, repeats) = RepeatVictimisation.measures(rule: rule)
        #expect(keyed.atoms(of: victims) == counted.atoms(of: victims))
        #expect(keyed.atoms(of: repeats) == counted.atoms(of: repeats))
    }

    @Test func aWindowCountedFromKeysIsTheWindowCountedFromIncidents() async {
        let codes = Gen.int(in: 0...(25 * 1095 * 3 - 1)).array(of: 0...120)
        let window = Gen.int(in: 0...35).array(of: 2...2)
        await propertyCheck(count: 200, input: codes, window) { codes, bounds in
            let incidents = Self.incidents(codes)
            let first = MonthIndex.of(year: 2024, month: 1) + bounds.min()!, last = MonthIndex.of(year: 2024, month: 1) + bounds.max()!
            let keyed = RepeatVictimisation.atoms(windowKeys: RepeatVictimisation.windowKeys(incidents), first: first, last: last, rule: "w")
            let counted = RepeatVictimisation.atoms(incidents, placing: { (first...last).contains($0) ? first : nil }, rule: "w")
            same(keyed, counted, rule: "w")
        }
    }

    @Test(arguments: PeriodLevel.allCases)
    func periodsCountedFromKeysArePeriodsCountedFromIncidents(level: PeriodLevel) async {
        let codes = Gen.int(in: 0...(25 * 1095 * 3 - 1)).array(of: 0...120)
        let window = Gen.int(in: 0...35).array(of: 2...2)
        await propertyCheck(count: 100, input: codes, window) { codes, bounds in
            let incidents = Self.incidents(codes)
            let base = MonthIndex.of(year: 2024, month: 1)
            let first = MonthIndex.start(of: base + bounds.min()!, level: level)
            let last = MonthIndex.start(of: base + bounds.max()!, level: level) + level.months - 1
            let keyed = RepeatVictimisation.atoms(windowKeys: RepeatVictimisation.windowKeys(incidents), level: level, first: first, last: last, rule: level.rawValue)
            let counted = RepeatVictimisation.atoms(incidents, placing: { (first...last).contains($0) ? MonthIndex.start(of: $0, level: level) : nil },
                                                    rule: level.rawValue)
            same(keyed, counted, rule: level.rawValue)
        }
    }

    /// The known answer of the quarter test in AnalyticsCountsTests, from the keys.
    @Test func aVictimIsCountedOnceInAWindowAtTheirFirstIncidentInIt() {
        let day = { (text: String) in CalendarDate(parsing: text)! }
        let incidents = [
            VictimIncident(victim: "C", day: day("2024-12-20"), area: "AB1 1"),
            VictimIncident(victim: "C", day: day("2025-03-15"), area: "AB1 2"),
            VictimIncident(victim: "C", day: day("2025-05-15"), area: "AB1 1"),
        ]
        let first = MonthIndex.of(year: 2025, month: 1), last = MonthIndex.of(year: 2025, month: 12)
        let atoms = RepeatVictimisation.atoms(windowKeys: RepeatVictimisation.windowKeys(incidents), first: first, last: last, rule: "y")
        let (victims, repeats) = RepeatVictimisation.measures(rule: "y")
        let march = MonthIndex.of(year: 2025, month: 3)
        #expect(atoms.atoms(of: victims) == [CountAtoms.Atom(measure: victims, area: "AB1 2", month: march, category: RepeatVictimisation.category): 1])
        #expect(atoms.atoms(of: repeats).values.reduce(0, +) == 1, "the March incident came within 12 months of December's")
    }
}
