import Testing
@testable import Linkage

@Suite("Values that fail validation are kept as text")
struct EvidenceAsTextTests {
    @Test func packsLettersAndDigitsOnly() {
        #expect(FieldText.pack("d02 x285") == FieldText.pack("D02X285"))
        #expect(FieldText.length(FieldText.pack("75008")) == 5)
        #expect(FieldText.pack("  ") == 0)
        #expect(FieldText.pack(nil) == 0)
        #expect(FieldText.pack("ABCDEFGHIJ") == FieldText.pack("ABCDEFGH"))
    }

    @Test(arguments: [
        ("75008", "75009", true), ("75008", "75080", true), ("75008", "7508", true), ("75008", "750088", true),
        ("75008", "75008", false), ("75008", "76009", false), ("D02X285", "D02X2", false),
    ])
    func oneSlipApart(first: String, second: String, near: Bool) {
        #expect(FieldText.isOneEditApart(FieldText.pack(first), FieldText.pack(second)) == near)
    }

    func levels(_ a: LinkageRecord, _ b: LinkageRecord) -> ComparisonPattern {
        let records = StandardisedRecords([a, b])
        #expect(records.quality.invalidPostcodes + records.quality.invalidDates > 0)
        return ComparisonPattern(code: RecordComparator(records).pattern(0, 1))
    }

    @Test func aForeignPostcodeCountsAtALowerLevelThanAUKOne() {
        let paris = levels(Fixtures.record("a", "Lea", "Martin", postcode: "75008"),
                           Fixtures.record("b", "Lea", "Martin", postcode: "75 008"))
        #expect(paris.level(of: .address) == 4)
        let slip = levels(Fixtures.record("a", "Lea", "Martin", postcode: "75008"),
                          Fixtures.record("b", "Lea", "Martin", postcode: "75009"))
        #expect(slip.level(of: .address) == 5)
        let mixed = levels(Fixtures.record("a", "Lea", "Martin", postcode: "SS14 1DL"),
                           Fixtures.record("b", "Lea", "Martin", postcode: "SS14 1DLX"))
        #expect(mixed.level(of: .address) == 5)
    }

    @Test func theSameImpossibleDateIsWeakEvidence() {
        let same = levels(Fixtures.record("a", "Lea", "Martin", dob: "31/02/1990"),
                          Fixtures.record("b", "Lea", "Martin", dob: "31-02-1990"))
        #expect(same.level(of: .dateOfBirth) == 3)
        let other = levels(Fixtures.record("a", "Lea", "Martin", dob: "31/02/1990"),
                           Fixtures.record("b", "Lea", "Martin", dob: "30/02/1991"))
        #expect(other.level(of: .dateOfBirth) == 0)
    }
}

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
