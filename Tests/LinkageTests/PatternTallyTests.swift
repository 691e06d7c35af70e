import PropertyBased
import Testing
@testable import Linkage

/// The pattern counts EM trains on: every pattern added for a rule, with its total and
/// nothing else, however many distinct patterns (the table grows) and across workers.
@Suite("Pattern tally")
struct PatternTallyTests {
    /// (rule, pattern) from a small space, so repeats are common, with the occasional
    /// pattern far up the code space.
    static let addition = Gen.int(in: 0...(16 * 400 - 1)).map { value in
        (rule: value % 16, pattern: UInt32(value / 16) * (value % 3 == 0 ? 4_001 : 1))
    }

    @Test func countsAreTheTotalsOfWhatWasAdded() async {
        await propertyCheck(count: 200, input: Self.addition.array(of: 0...600), Gen.int(in: 0...600)) { additions, split in
            var reference: [Int: [UInt32: Double]] = [:]
            var first = PatternTally(slots: 4), second = PatternTally(slots: 4)
            for (k, addition) in additions.enumerated() {
                reference[addition.rule, default: [:]][addition.pattern, default: 0] += 1
                // Two workers' tallies, joined as the comparing stage joins them.
                if k < split { first.add(rule: addition.rule, pattern: addition.pattern) } else {
                    second.add(rule: addition.rule, pattern: addition.pattern)
                }
            }
            first.add(second)
            for rule in 0..<16 {
                let expected = (reference[rule] ?? [:]).map { (pattern: $0.key, count: $0.value) }.sorted { $0.pattern < $1.pattern }
                let counted = first.counts(rule: rule)
                #expect(counted.map(\.pattern) == expected.map(\.pattern) && counted.map(\.count) == expected.map(\.count))
            }
            #expect(first.distinct == reference.values.reduce(0) { $0 + $1.count })
        }
    }

    @Test func aCountGivenAtOnceAddsAsMuchAsOneAtATime() {
        var tally = PatternTally()
        tally.add(rule: 3, pattern: 1_750_328, count: 5)
        tally.add(rule: 3, pattern: 1_750_328)
        tally.add(rule: 0, pattern: 0)
        #expect(tally.counts(rule: 3).map(\.count) == [6])
        #expect(tally.counts(rule: 0).map(\.pattern) == [0])
        #expect(tally.counts(rule: 1).isEmpty)
    }
}
