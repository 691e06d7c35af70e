import Testing
@testable import Linkage

@Suite("Names as they really vary")
struct NameVariationTests {
    @Test(arguments: [("Mohammed", "Muhammad"), ("Mohamed", "Muhammad"), ("Ayesha", "Aisha"), ("Jake", "Jacob"), ("Millie", "Amelia")])
    func knowsTransliterationsAndNicknamesBothWays(pair: (String, String)) {
        #expect(NicknameTable.areVariants(pair.0, pair.1))
        #expect(NicknameTable.areVariants(pair.1, pair.0))
        let records = StandardisedRecords([Fixtures.record("a", pair.0, "Khan"), Fixtures.record("b", pair.1, "Khan")])
        #expect(ComparisonPattern(code: RecordComparator(records).pattern(0, 1)).level(of: .givenName) == 2)
    }

    @Test func swappedHyphenatedAndInitialNamesAreRecognised() {
        let records = StandardisedRecords([
            Fixtures.record("a", "Tariq", "Okafor"), Fixtures.record("b", "Okafor", "Tariq"),
            Fixtures.record("c", "Ruth", "Penhallow-Quarrie"), Fixtures.record("d", "Ruth", "Quarrie"),
            Fixtures.record("e", "R", "Quarrie"),
        ])
        let comparator = RecordComparator(records)
        #expect(ComparisonPattern(code: comparator.pattern(0, 1)).level(of: .givenName) == 2)
        #expect(ComparisonPattern(code: comparator.pattern(2, 3)).level(of: .familyName) == 2)
        #expect(ComparisonPattern(code: comparator.pattern(3, 4)).level(of: .givenName) == 5)
        #expect(comparator.personConflict(3, 4) == [])
    }

    @Test func aLooselySharedFamilyNameCountsForLess() {
        let begum = StandardisedRecords([Fixtures.record("a", "Nasima", "Begum", dob: "1980-01-02"),
                                         Fixtures.record("b", "Nasima", "Begum", dob: "1980-01-02")])
        let other = StandardisedRecords([Fixtures.record("a", "Nasima", "Okafor", dob: "1980-01-02"),
                                         Fixtures.record("b", "Nasima", "Okafor", dob: "1980-01-02")])
        let loose = PairScorer(model: .untrained, records: begum).score(0, 1)
        let usual = PairScorer(model: .untrained, records: other).score(0, 1)
        #expect(loose.familyNameFrequencyAdjustment == LinkageModel.termFrequencyBounds.lowerBound)
        #expect(usual.weight - loose.weight >= 5)
        #expect(MatchExplanation(pair: loose, model: .untrained).lines.joined().contains("a common surname"))
    }
}
