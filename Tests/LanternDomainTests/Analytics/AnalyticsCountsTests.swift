import LanternDomain
import PropertyBased
import Testing

/// Known answers for the people-based counts, and the property that nothing
/// they release through the policy is a small number.
@Suite struct AnalyticsCountsTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
    static func incident(_ victim: String, _ day: String, _ area: String = "AB1 1") -> VictimIncident {
        VictimIncident(victim: victim, day: Self.day(day), area: area)
    }
    static let months2025 = MonthIndex.of(year: 2025, month: 1)...MonthIndex.of(year: 2025, month: 12)

    func count(_ atoms: CountAtoms, _ measure: String, months: ClosedRange<Int>, areas: Set<String> = ["AB1 1", "AB1 2"]) -> Int {
        atoms.count(CellScope(measure: measure, areas: areas, months: Set(months), categories: [RepeatVictimisation.category],
                              partners: [CountAtoms.anyPartner]))
    }

    @Test func repeatVictimsByQuarterAndByYear() {
        let incidents = [
            Self.incident("A", "2025-01-10"), Self.incident("A", "2025-06-01"), Self.incident("A", "2026-08-01"),
            Self.incident("B", "2025-02-01"), Self.incident("B", "2025-02-01", "AB1 2"),  // one incident recorded twice
            Self.incident("C", "2024-12-20"), Self.incident("C", "2025-03-15", "AB1 2"),  // the earlier one is before the window
            Self.incident("D", "2025-01-05"), Self.incident("D", "2025-02-05"),
        ]
        let inWindow = Self.months2025
        let quarters = RepeatVictimisation.atoms(incidents, placing: { inWindow.contains($0) ? MonthIndex.start(of: $0, level: .quarter) : nil }, rule: "quarter")
        let (victims, repeats) = RepeatVictimisation.measures(rule: "quarter")
        let q1 = MonthIndex.of(year: 2025, month: 1)...MonthIndex.of(year: 2025, month: 3)
        let q2 = MonthIndex.of(year: 2025, month: 4)...MonthIndex.of(year: 2025, month: 6)
        #expect(count(quarters, victims, months: q1) == 4)
        #expect(count(quarters, repeats, months: q1) == 2, "C (after December) and D (after January); A's first and B's double record are not repeats")
        #expect(count(quarters, victims, months: q2) == 1 && count(quarters, repeats, months: q2) == 1, "A in June")
        #expect(count(quarters, victims, months: q1, areas: ["AB1 2"]) == 1, "C is placed at their Q1 incident's sector; B at their first record's")
        let year = RepeatVictimisation.atoms(incidents, placing: { inWindow.contains($0) ? inWindow.lowerBound : nil }, rule: "year")
        let (yearVictims, yearRepeats) = RepeatVictimisation.measures(rule: "year")
        #expect(count(year, yearVictims, months: inWindow) == 4, "each victim once in the year")
        #expect(count(year, yearRepeats, months: inWindow) == 3)
        #expect(count(year, victims, months: inWindow) == 0, "measures placed by another rule are apart")
    }

    @Test(arguments: [("2025-01-31", true), ("2025-02-01", true), ("2025-02-02", false)])
    func twelveMonthsIncludeALeapDay(later: String, isRepeat: Bool) {
        // 2024-02-01 to 2025-02-01 is 366 days because 29 February 2024 lies between: still within 12 months.
        let atoms = RepeatVictimisation.atoms([Self.incident("E", "2024-02-01"), Self.incident("E", later)],
                                              placing: { Self.months2025.contains($0) ? Self.months2025.lowerBound : nil }, rule: "year")
        #expect(count(atoms, RepeatVictimisation.measures(rule: "year").repeats, months: Self.months2025) == (isRepeat ? 1 : 0))
    }

    @Test func householdsByHowManyPartnersKnowThem() {
        let households = [
            HouseholdPartners(household: "1", area: "AB1 1", partners: ["police"]),
            HouseholdPartners(household: "2", area: "AB1 1", partners: ["police", "health"]),
            HouseholdPartners(household: "3", area: "AB1 2", partners: ["health", "police"]),
            HouseholdPartners(household: "4", area: "AB1 2", partners: ["police", "health", "council"]),
        ]
        let atoms = PartnerOverlap.atoms(households, asAt: 100)
        func known(_ categories: Set<String>, areas: Set<String> = ["AB1 1", "AB1 2"]) -> Int {
            atoms.count(CellScope(measure: PartnerOverlap.measure, areas: areas, months: [100], categories: categories, partners: [CountAtoms.anyPartner]))
        }
        #expect(known(["health+police"]) == 2)
        #expect(known(["health+police"], areas: ["AB1 1"]) == 1)
        #expect(known(atoms.categories(of: PartnerOverlap.measure)) == 4)
        #expect(atoms.categories(of: PartnerOverlap.measure) == ["police", "health+police", "council+health+police"])
        #expect(PartnerOverlap.size(of: "council+health+police") == 3)
    }

    @Test func theMaracReturnCountsCasesWhenHeard() {
        let cases = [
            MaracReturnCase(area: "north", referredOn: Self.day("2026-01-20"), heardOn: Self.day("2026-02-10"), isRepeat: true, referrer: "police",
                            children: 2, victimSex: .male, victimAge: 17, perpetratorUnder18: false),
            MaracReturnCase(area: "north", referredOn: Self.day("2026-03-25"), heardOn: Self.day("2026-04-01"), isRepeat: false, referrer: "idva",
                            children: 0, victimSex: .female, victimAge: 30, perpetratorUnder18: true, victimEthnicGroup: .black),
            MaracReturnCase(area: "north", referredOn: Self.day("2026-03-01"), heardOn: nil, isRepeat: false, referrer: "police",
                            children: 3, victimSex: .female, victimAge: 40, perpetratorUnder18: false),
        ]
        let atoms = MaracReturn.atoms(cases)
        let q1 = Set(MonthIndex.of(year: 2026, month: 1)...MonthIndex.of(year: 2026, month: 3))
        func count(_ measure: String, _ months: Set<Int> = q1, partners: Set<String> = [CountAtoms.anyPartner]) -> Int {
            atoms.count(CellScope(measure: measure, areas: ["north"], months: months, categories: [MaracReturn.category], partners: partners))
        }
        #expect(count(MaracReturn.heard.measure) == 1, "the March referral waits; April's hearing is Q2")
        #expect(count(MaracReturn.repeats.measure) == 1 && count(MaracReturn.children.measure) == 2)
        #expect(count(MaracReturn.maleVictims.measure) == 1 && count(MaracReturn.youngVictims.measure) == 1)
        #expect(count(MaracReturn.referrals, partners: ["police"]) == 2 && count(MaracReturn.referrals, partners: ["idva"]) == 1)
        let q2 = Set(MonthIndex.of(year: 2026, month: 4)...MonthIndex.of(year: 2026, month: 6))
        #expect(count(MaracReturn.youngPerpetrators.measure, q2) == 1 && count(MaracReturn.minorityEthnic.measure, q2) == 1)
    }

    @Test func theASBCaseReviewCounts() {
        let applications = [
            CaseReviewFacts(receivedOn: Self.day("2025-03-01"), thresholdMet: false, reviewHeld: false, hasRecommendations: false),
            CaseReviewFacts(receivedOn: Self.day("2025-07-01"), thresholdMet: true, reviewHeld: true, hasRecommendations: true),
            CaseReviewFacts(receivedOn: Self.day("2025-11-01"), thresholdMet: true, reviewHeld: true, hasRecommendations: false),
            CaseReviewFacts(receivedOn: Self.day("2025-12-01"), thresholdMet: nil, reviewHeld: false, hasRecommendations: false),
        ]
        let atoms = CaseReviewReturn.atoms(applications)
        let counts = CaseReviewReturn.items.map {
            atoms.count(CellScope(measure: $0.measure, areas: [CaseReviewReturn.area], months: Set(Self.months2025),
                                  categories: [CaseReviewReturn.category], partners: [CountAtoms.anyPartner]))
        }
        #expect(counts == [4, 1, 2, 1])
    }

    @Test(arguments: [("A1", EthnicGroup.asian), ("b3", .black), ("C", .mixed), ("D1", .white), ("E5", .other), ("White", .white)])
    func ethnicGroupsReadTheONSCodes(code: String, group: EthnicGroup) {
        #expect(EthnicGroup(code: code) == group)
    }

    @Test(arguments: ["", "F1", "D12", "Martian", "A-"])
    func anythingElseIsNotKnown(code: String) {
        #expect(EthnicGroup(code: code) == nil)
    }

    /// Random victims and incidents over two years, drawn by quarter and
    /// sector and released: no cell shows 1 to 7, every shown figure is 0 or
    /// a multiple of 5, `*` only ever hides 1 to 7, totals come from the true
    /// sum, and there are never more repeat victims than victims.
    @Test func nothingBelowTheThresholdIsEverReleased() async {
        let board = DisclosurePolicy.standard(for: .board)
        let rows = Gen.int(in: 0...(40 * 730 * 3 - 1)).array(of: 0...150)
        await propertyCheck(count: 150, input: rows) { codes in
            let incidents = codes.map { code in
                VictimIncident(victim: "V\(code % 40)", day: CalendarDate(year: 2025, month: 1, day: 1)!.adding(days: code / 40 % 730),
                               area: ["AB1 1", "AB1 2", "AB2 1"][code / (40 * 730)])
            }
            let window = MonthIndex.of(year: 2025, month: 1)...MonthIndex.of(year: 2026, month: 12)
            let atoms = RepeatVictimisation.atoms(incidents, placing: { window.contains($0) ? MonthIndex.start(of: $0, level: .quarter) : nil }, rule: "quarter")
            let (victims, repeats) = RepeatVictimisation.measures(rule: "quarter")
            let table = CountTable(title: "t", rowHeading: "Quarter", columns: ["Victims", "Repeat victims"], rows: stride(from: window.lowerBound, through: window.upperBound, by: 3).flatMap { start in
                ["AB1 1", "AB1 2", "AB2 1"].map { area in
                    CountTable.Row(label: "\(start) \(area)", cells: [victims, repeats].map { measure in
                        let scope = CellScope(measure: measure, areas: [area], months: Set(start...start + 2), categories: [RepeatVictimisation.category],
                                              partners: [CountAtoms.anyPartner])
                        return CountTable.Cell(scope: scope, count: atoms.count(scope))
                    })
                }
            })
            let released = board.release(table)
            for (row, shown) in zip(table.rows, released.rows) {
                #expect(row.cells[1].count <= row.cells[0].count, "repeat victims are victims")
                for (cell, value) in zip(row.cells, shown.values) {
                    if let figure = value.shown {
                        #expect(figure == 0 || (figure >= 8 && figure % 5 == 0))
                        #expect((figure == 0) == (cell.count == 0))
                    } else {
                        #expect((1...7).contains(cell.count))
                    }
                }
            }
            for column in 0..<2 {
                #expect(released.totals[column] == board.disclose(table.rows.reduce(0) { $0 + $1.cells[column].count }))
            }
            let allVictims = Set(incidents.filter { window.contains(MonthIndex.of(year: $0.day.year, month: $0.day.month)) }.map(\.victim))
            #expect(table.rows.reduce(0) { $0 + $1.cells[0].count } >= allVictims.count, "each victim counted in at least one quarter")
        }
    }
}

extension AnalyticsCountsTests {
    @Test func equalityCountsPeopleInListedHouseholdsByEachSplit() {
        let people = [
            EqualityPerson(household: "h1", area: "AB1", sex: .female, age: 34, ethnicGroup: .black),
            EqualityPerson(household: "h1", area: "AB1", sex: .male, age: 3, ethnicGroup: .black),
            EqualityPerson(household: "h2", area: "AB1", sex: .female, age: 70, ethnicGroup: nil),
            EqualityPerson(household: "h3", area: "AB2", sex: nil, age: nil, ethnicGroup: .white),
        ]
        let atoms = EqualityCounts.atoms(people, listed: ["h1"], asAt: 7)
        func count(_ split: EqualityCounts.Split, _ listed: Bool, _ category: String) -> Int {
            let (all, onList) = EqualityCounts.measures(split)
            return atoms.count(CellScope(measure: listed ? onList : all, areas: ["AB1", "AB2"], months: [7], categories: [category],
                                         partners: [CountAtoms.anyPartner]))
        }
        #expect(count(.sex, false, "F") == 2 && count(.sex, true, "F") == 1 && count(.sex, false, "other") == 1)
        #expect(count(.age, true, "0-4") == 1 && count(.age, false, "65 and over") == 1 && count(.age, false, "unknown") == 1)
        #expect(count(.ethnicity, true, "black") == 2 && count(.ethnicity, false, "unknown") == 1 && count(.ethnicity, true, "white") == 0)
        for split in EqualityCounts.Split.allCases {
            #expect(split.groups.map { count(split, false, $0.0) }.reduce(0, +) == 4, "every person in exactly one group of \(split)")
        }
    }

    @Test func theEvaluationCountsIncidentsEitherSideOfTheHearing() {
        let heard = Self.day("2025-06-01")
        let incidents = [
            Self.incident("V1", "2024-11-01"), Self.incident("V1", "2025-05-01"), Self.incident("V1", "2025-05-01"),
            Self.incident("V1", "2025-06-01"), Self.incident("V1", "2025-09-01"), Self.incident("V1", "2026-03-01"),
            Self.incident("V2", "2025-07-01"),
        ]
        let cohort = [CohortMember(person: "V1", startedOn: heard), CohortMember(person: "V2", startedOn: heard),
                      CohortMember(person: "V3", startedOn: Self.day("2025-11-01"))]
        let atoms = CohortEvaluation.atoms(cohort, incidents: incidents, today: Self.day("2026-01-15"), days: 182)
        func count(_ measure: String) -> Int {
            atoms.count(CellScope(measure: measure, areas: ["partnership"], months: Set(Self.months2025), categories: [CohortEvaluation.category],
                                  partners: [CountAtoms.anyPartner]))
        }
        #expect(count(CohortEvaluation.members) == 2, "V3 was heard too recently for a full after-window")
        #expect(count(CohortEvaluation.before) == 1, "1 May once (two records, one day); November is over 182 days before")
        #expect(count(CohortEvaluation.after) == 2, "September for V1, July for V2; the hearing day and next March are outside")
    }
}
