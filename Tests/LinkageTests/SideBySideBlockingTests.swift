import PropertyBased
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
        #expect(inTurn.splitRules.contains { $0 != 0 })
        #expect(inTurn.recordKeys == sideBySide.recordKeys)
        #expect(inTurn.splitRules == sideBySide.splitRules)
        #expect(inTurn.sorted == sideBySide.sorted)
        #expect(inTurn.blocks.map { [$0.rule, $0.start, $0.end] } == sideBySide.blocks.map { [$0.rule, $0.start, $0.end] })
        #expect(inTurn.capped == sideBySide.capped)
        #expect(inTurn.proposedPairs == sideBySide.proposedPairs)
        #expect(inTurn.recordsBlocked == sideBySide.recordsBlocked)
        #expect(inTurn.recordsInWholeBlocks == sideBySide.recordsInWholeBlocks)
    }
}

struct PackedKeySortTests {
    @Test func sortsPackedKeysAsAComparisonSortDoes() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            // Sizes either side of the cut-over to counting, keys with shared top bits (blocks).
            let n = [0, 1, 2_047, 2_048, 5_000, 20_000][seed % 6]
            let distinctKeys = UInt64.random(in: 1...5_000, using: &random)
            var values = (0..<n).map { i in
                (UInt64.random(in: 0..<distinctKeys, using: &random) &* 0x9E37_79B9_7F4A_7C15) & ~0xFFFFF | UInt64(i)
            }
            values.shuffle(using: &random)
            var expected = values
            expected.sort()
            CandidateBlocks.sortPacked(&values)
            #expect(values == expected)
        }
    }
}

/// The split of blocks between workers: every block once, and the parts' pair counts no
/// further apart than the largest block (the bound of placing each block on the least
/// loaded part), whatever the mix of large and small blocks.
struct BlockSplitTests {
    @Test(arguments: [2, 3, 5])
    func everyBlockGoesToOnePartAndThePartsAreBalanced(_ parts: Int) {
        var records: [LinkageRecord] = []
        for seed in 0..<900 {
            // A crowded postcode and surname make some blocks of hundreds of pairs.
            var record = RandomRecords.record("r\(seed)", seed: seed % 500, full: true)
            if seed % 4 == 0 { record.familyName = "Marsh"; record.postcode = "SS1 1DL" }
            records.append(record)
        }
        let blocks = CandidateBlocks(records: StandardisedRecords(records), rules: BlockingRule.allCases,
                                     maximumBlockSize: 400, refineAbove: 300)
        let split = blocks.partitioned(into: parts)
        #expect(split.count == parts)
        func key(_ block: CandidateBlocks.Block) -> [Int] { [block.rule, block.start, block.end] }
        #expect(split.flatMap { $0 }.map(key).sorted { $0.lexicographicallyPrecedes($1) }
                == blocks.blocks.map(key).sorted { $0.lexicographicallyPrecedes($1) })
        let loads = split.map { $0.reduce(0) { $0 + $1.pairCount } }
        let largest = blocks.blocks.map(\.pairCount).max() ?? 0
        #expect(largest >= CandidateBlocks.largeBlockPairs, "the large blocks' path is taken too")
        #expect(loads.max()! - loads.min()! <= largest, "\(loads) with a largest block of \(largest) pairs")
    }
}
