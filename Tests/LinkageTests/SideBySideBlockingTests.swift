import Testing
@testable import Linkage

/// Blocking rules side by side on several cores gives exactly what blocking them in turn does.
struct SideBySideBlockingTests {
    @Test func blockingRulesSideBySideMatchesBlockingThemInTurn() {
        // A few hundred people, each written two or three times with slips, so blocks form.
        var records: [LinkageRecord] = []
        for seed in 0..<600 {
            for copy in 0..<(seed % 3 + 1) {
                var record = RandomRecords.record("r\(seed)-\(copy)", seed: seed % 400 + copy)
                if copy == 2 { swap(&record.givenNames, &record.familyName) }
                records.append(record)
            }
        }
        let standard = StandardisedRecords(records)
        let rules = BlockingRule.allCases
        let inTurn = CandidateBlocks(records: standard, rules: rules, maximumBlockSize: 40, refineAbove: 6,
                                     sideBySideFrom: .max)
        let sideBySide = CandidateBlocks(records: standard, rules: rules, maximumBlockSize: 40, refineAbove: 6,
                                         sideBySideFrom: 0)
        #expect(inTurn.blocks.count > 0)
        #expect(inTurn.refined.contains(true))
        #expect(inTurn.keys == sideBySide.keys)
        #expect(inTurn.refined == sideBySide.refined)
        #expect(inTurn.sorted == sideBySide.sorted)
        #expect(inTurn.blocks.map { [$0.rule, $0.start, $0.end] } == sideBySide.blocks.map { [$0.rule, $0.start, $0.end] })
        #expect(inTurn.capped == sideBySide.capped)
        #expect(inTurn.proposedPairs == sideBySide.proposedPairs)
        #expect(inTurn.recordsBlocked == sideBySide.recordsBlocked)
        #expect(inTurn.recordsInWholeBlocks == sideBySide.recordsInWholeBlocks)
    }
}
