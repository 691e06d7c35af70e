import PropertyBased
import Testing
@testable import Linkage

/// Pairs sorted on each core and merged come out in the order one sort of all of them
/// gives: the order clustering decides pairs in, so any difference would change people.
@Suite("Score order")
struct ScoreOrderTests {
    /// Few weights and records, so that ties on weight (and on records) are common.
    static let pair = Gen.int(in: 0...(6 * 7 * 7 - 1)).map { value in
        ScoredPair(first: value % 7, second: value / 7 % 7, weight: Double(value / 49) / 2, pattern: ComparisonPattern(code: 0))
    }

    @Test func mergedPartsAreInTheOrderOfOneSort() async {
        await propertyCheck(count: 300, input: Self.pair.array(of: 0...40).array(of: 0...4)) { parts in
            let sortedParts = parts.map { $0.sorted(by: ScoredPair.strongestFirst) }
            let merged = LinkageRun.mergeStrongestFirst(sortedParts)
            let expected = parts.flatMap { $0 }.sorted(by: ScoredPair.strongestFirst)
            #expect(merged == expected)
        }
    }
}
