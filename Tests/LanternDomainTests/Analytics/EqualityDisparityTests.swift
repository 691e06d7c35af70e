import LanternDomain
import PropertyBased
import Testing

/// Groups listed at a markedly different rate from everyone are flagged,
/// judged only on released figures.
@Suite struct EqualityDisparityTests {
    let board = DisclosurePolicy.standard(for: .board)

    func released(_ people: Int, _ listed: Int) -> (DisclosedCount, DisclosedCount) {
        let table = board.release(CountTable(title: "t", rowHeading: "g", columns: ["p", "l"], rows: [
            CountTable.Row(label: "x", cells: [people, listed].map { CountTable.Cell(scope: CellScope(measure: "m", areas: [], months: [], categories: [], partners: []), count: $0) }),
        ]))
        return (table.rows[0].values[0], table.rows[0].values[1])
    }

    @Test func aGroupListedFarMoreOrFarLessThanEveryoneIsFlagged() {
        // Everyone: 1000 people, 100 listed (10%). Women 500/50 (10%), men 400/20 (5%), not known 100/30 (30%).
        let rows = [("Female", 500, 50), ("Male", 400, 20), ("Other or not known", 100, 30)].map { label, people, listed in
            let (p, l) = released(people, listed)
            return (label: label, people: p, listed: l)
        }
        let total = released(1000, 100)
        let flags = EqualityDisparity.flags(rows: rows, total: (total.0, total.1), ratio: 1.25, policy: board)
        #expect(flags.map(\.group) == ["Male", "Other or not known"])
        #expect(flags[0].description == "Male: 5.0% listed against 10.0% of everyone, lower by a factor of 2.00")
        #expect(flags[1].isHigher && flags[1].rate == 30)
        #expect(EqualityDisparity.flags(rows: rows, total: (total.0, total.1), ratio: 3.5, policy: board).isEmpty)
    }

    @Test func aGroupWithASuppressedFigureIsNotJudged() {
        let (people, listed) = released(200, 3)
        let total = released(1000, 400)
        #expect(listed == .suppressed)
        #expect(EqualityDisparity.flags(rows: [(label: "Few", people: people, listed: listed)], total: (total.0, total.1), ratio: 1.25, policy: board).isEmpty)
    }

    /// For any counts: a flagged group's rate (from the released figures) is
    /// beyond the ratio either way, an unflagged judged group's is within it,
    /// and no group with a suppressed figure is ever flagged.
    @Test func flagsAreExactlyTheGroupsBeyondTheRatio() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...400).array(of: 2...12), Gen.int(in: 101...300)) { counts, percent in
            let ratio = Double(percent) / 100
            let pairs = stride(from: 0, to: counts.count - 1, by: 2).map { (counts[$0], min(counts[$0], counts[$0 + 1])) }
            let rows = pairs.enumerated().map { index, pair in
                let (p, l) = released(pair.0, pair.1)
                return (label: "G\(index)", people: p, listed: l)
            }
            let total = released(pairs.map(\.0).reduce(0, +), pairs.map(\.1).reduce(0, +))
            let flagged = Set(EqualityDisparity.flags(rows: rows, total: (total.0, total.1), ratio: ratio, policy: board).map(\.group))
            guard let overall = board.rate(total.1, over: total.0).value, overall > 0 else {
                #expect(flagged.isEmpty)
                return
            }
            for row in rows {
                guard let rate = board.rate(row.listed, over: row.people).value else {
                    #expect(!flagged.contains(row.label), "a suppressed figure is never judged")
                    continue
                }
                #expect(flagged.contains(row.label) == (rate > overall * ratio || rate * ratio < overall))
            }
        }
    }
}
