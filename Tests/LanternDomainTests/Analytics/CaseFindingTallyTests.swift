import LanternDomain
import PropertyBased
import Testing

/// The case-finding report's listed counts, kept as households join, change
/// on and leave the list, with decisions laid over them, are always the
/// counts made afresh from the entries then listed.
@Suite struct CaseFindingTallyTests {
    static func entry(_ household: String, area: String?, needs: [FamilyNeed]) -> CaseFindingEntry {
        let assessments = needs.map {
            NeedAssessment(need: $0, findings: [RuleFinding(ruleID: "test-\($0.rawValue)", need: $0, lookBackDays: 30, minimumCount: 0, events: [])])
        }
        return CaseFindingEntry(householdID: household, postcodeDistrict: area, hasLeadProfessional: false,
                                needs: HouseholdNeeds(householdID: household, assessedOn: CalendarDate(year: 2026, month: 5, day: 1)!,
                                                      ruleSetVersion: 1, assessments: assessments),
                                score: CaseFindingScore(householdID: household, ruleSetVersion: 1, lines: [], latestEvidenceOn: nil))
    }

    static func randomEntry(_ draws: inout EqualityListingTests.Draws, _ household: String) -> CaseFindingEntry {
        entry(household, area: ["AB1", "AB2", "CD3", nil][draws.next(4)],
              needs: FamilyNeed.allCases.filter { _ in draws.next(3) == 0 })
    }

    @Test func keptCountsWithDecisionsEqualAFreshCount() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var draws = EqualityListingTests.Draws(state: UInt64(seed))
            var onList: [String: CaseFindingEntry] = [:]
            for h in 0..<20 where draws.next(2) == 0 { onList["H\(h)"] = Self.randomEntry(&draws, "H\(h)") }
            var kept = CaseFindingTally(onList.values)
            for _ in 0..<60 {
                // Households join, move, change needs, leave, or are set to what they already are.
                let household = "H\(draws.next(24))"
                let entry: CaseFindingEntry? = switch draws.next(3) {
                case 0: nil
                case 1: onList[household]
                default: Self.randomEntry(&draws, household)
                }
                kept.set(household, entry: entry)
                onList[household] = entry
            }
            // Decisions on listed households and on households not (or no longer) listed.
            let outcomes = ReviewDecision.Outcome.allCases.map(\.rawValue)
            var decisions: [String: String] = [:]
            for h in 0..<24 where draws.next(3) == 0 { decisions["H\(h)"] = outcomes[draws.next(outcomes.count)] }
            #expect(kept.listed == Set(onList.keys), "seed \(seed)")
            #expect(kept.atoms(decisions: decisions, asAt: 7) == CaseFindingCounts.atoms(Array(onList.values), decisions: decisions, asAt: 7), "seed \(seed)")
            #expect(kept == CaseFindingTally(onList.values), "seed \(seed)")
        }
    }

    @Test func aDecidedHouseholdLeavesNotDecidedYetAndLeavingTheListTakesItOut() {
        var tally = CaseFindingTally([Self.entry("H1", area: "SS14", needs: [FamilyNeed.allCases[0]]), Self.entry("H2", area: "SS14", needs: [])])
        func count(_ measure: String, _ category: String, _ decisions: [String: String]) -> Int {
            tally.atoms(decisions: decisions, asAt: 3).count(CellScope(measure: measure, areas: ["SS14"], months: [3], categories: [category],
                                                                       partners: [CountAtoms.anyPartner]))
        }
        let referred = ReviewDecision.Outcome.referToEarlyHelp.rawValue
        #expect(count(CaseFindingCounts.listed, "listed", [:]) == 2)
        #expect(count(CaseFindingCounts.decisions, CaseFindingCounts.undecided, [:]) == 2)
        #expect(count(CaseFindingCounts.decisions, CaseFindingCounts.undecided, ["H1": referred]) == 1)
        #expect(count(CaseFindingCounts.decisions, referred, ["H1": referred, "H9": referred]) == 1, "a household not listed is not counted")
        tally.set("H1", entry: nil)
        tally.set("H2", entry: nil)
        #expect(tally.atoms(decisions: ["H1": referred], asAt: 3) == CountAtoms(), "no atom is left at 0")
    }
}
