import LanternDomain
import PropertyBased
import Testing

/// The count rule, totals, means and rates of the disclosure policy.
@Suite struct DisclosurePolicyTests {
    let board = DisclosurePolicy.standard(for: .board)

    @Test(arguments: [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"), (1_002, "1000")])
    func theCountRule(count: Int, shown: String) {
        #expect(board.disclose(count).description == shown)
    }

    @Test func noReleasedCountIsSmallAndEveryOneIsAMultipleOfFive() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...100_000)) { count in
            let released = board.disclose(count)
            if let shown = released.shown {
                #expect(shown == 0 || shown >= 8, "never 1-7")
                #expect(shown % 5 == 0, "a multiple of 5 or 0")
                #expect(abs(shown - count) <= 2, "within rounding of the truth")
                #expect((shown == 0) == (count == 0), "0 stays 0 and nothing else becomes 0")
            } else {
                #expect((1...7).contains(count))
            }
        }
    }

    @Test func totalsComeFromTheUnroundedCounts() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...40).array(of: 1...12)) { parts in
            #expect(board.discloseTotal(of: parts) == board.disclose(parts.reduce(0, +)))
        }
        // Six cells of 3 are all `*`, yet their total of 18 is shown as 20, not as 0 or as a sum of stars.
        #expect(board.discloseTotal(of: [3, 3, 3, 3, 3, 3]).description == "20")
    }

    @Test func meansAndMediansNeedEightPeople() {
        #expect(board.discloseMean(of: [1, 2, 3, 4, 5, 6, 7]) == .withheld("fewer than 8 people"))
        #expect(board.discloseMean(of: [1, 2, 3, 4, 5, 6, 7, 8]) == .shown(4.5))
        #expect(board.discloseMedian(of: [9, 1, 5, 3, 7, 2, 8, 4, 6]) == .shown(5))
        #expect(board.discloseMedian(of: [1, 2, 3]).value == nil)
    }

    @Test func ratesUseTheRoundedFigures() {
        // 13 of 38: rounded to 15 of 40, so the rate is 37.5, not 34.2.
        #expect(board.rate(board.disclose(13), over: board.disclose(38)) == .shown(37.5))
        #expect(board.rate(board.disclose(3), over: board.disclose(38)).value == nil)
        #expect(board.rate(.zero, over: .zero) == .notApplicable)
    }

    @Test func sensitiveCategoriesAreBrokenDownMoreCoarsely() {
        let plain = board.finestLevels(for: ["burglary"])
        let sensitive = board.finestLevels(for: ["burglary", "domestic-abuse"])
        #expect(plain.area == .sector && plain.period == .month)
        #expect(sensitive.area > plain.area && sensitive.period > plain.period)
        for audience in Audience.allCases {
            let policy = DisclosurePolicy.standard(for: audience)
            #expect(policy.sensitiveFinestArea >= policy.finestArea && policy.sensitiveFinestPeriod >= policy.finestPeriod)
            #expect(["domestic-abuse", "sexual-offence", "child-exploitation", "mental-health"].allSatisfy(policy.sensitiveCategories.contains))
        }
        #expect(DisclosurePolicy.standard(for: .public).finestArea > board.finestArea, "the public sees coarser places")
    }

    @Test func aReleasedTableShowsNoSmallNumberAndItsTotalsMatch() async {
        let counts = Gen.int(in: 0...30).array(of: 1...8)
        await propertyCheck(count: 200, input: counts, counts) { first, second in
            let n = min(first.count, second.count)
            let rows = (0..<n).map { i in
                CountTable.Row(label: "row \(i)", cells: [first[i], second[i]].enumerated().map { column, count in
                    CountTable.Cell(scope: CellScope(measure: "events", areas: ["A\(i)"], months: [0], categories: ["c\(column)"], partners: ["p"]),
                                    count: count)
                })
            }
            let released = board.release(CountTable(title: "t", rowHeading: "Area", columns: ["a", "b"], rows: rows))
            for value in released.rows.flatMap(\.values) + released.totals {
                #expect(value.shown.map { $0 == 0 || ($0 >= 8 && $0 % 5 == 0) } ?? true)
            }
            #expect(released.totals == [board.discloseTotal(of: first.prefix(n)), board.discloseTotal(of: second.prefix(n))])
            #expect(released.cells.count == n * 2 + 2)
            #expect(released.policy == "board v1")
        }
    }
}
