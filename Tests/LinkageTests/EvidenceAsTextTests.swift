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

    @Test func anImpossibleDatePacksYearFirstWhicheverWayItWasWritten() {
        #expect(FieldText.packDate("31/11/1938") == FieldText.pack("19381131"))
        #expect(FieldText.packDate("1938-11-31") == FieldText.pack("19381131"))
        #expect(FieldText.packDate("1/2/1938") == FieldText.pack("19380201"))
        #expect(FieldText.packDate(Int32(19381113)) == FieldText.pack("19381113"))
        #expect(FieldText.packDate("not a date") == FieldText.pack("notadate"))
        #expect(FieldText.packDate(nil) == 0)
    }

    @Test(arguments: [
        ("1938-11-31", "1938-11-13", 3), ("31/11/1938", "1938-11-13", 3), ("1948-20-25", "1948-02-25", 3),
        ("1948-20-25", "1948-20-25", 3), ("1948-20-25", "1951-07-06", 0), ("1948-20-25", nil, 0),
    ] as [(String, String?, Int)])
    func anImpossibleDateOneSlipFromTheOtherIsWeakEvidence(first: String, second: String?, level: Int) {
        let pattern = levels(Fixtures.record("a", "Lea", "Martin", dob: first), Fixtures.record("b", "Lea", "Martin", dob: second))
        #expect(pattern.level(of: .dateOfBirth) == level)
    }

    @Test func aPostcodeThatIsNotUKShapedStillBringsRecordsTogether() {
        let records = StandardisedRecords([
            Fixtures.record("a", "Jack", "Stanbury", address: "25 De Vis Place", postcode: "4074"),
            Fixtures.record("b", "Jsk", "Stanbur", address: "25 de vis place", postcode: "40 74"),
            Fixtures.record("c", "Jack", "Stanbury", address: "25 De Vis Place", postcode: "4075"),
            Fixtures.record("d", "Jack", "Stanbury", address: "25 De Vis Place", postcode: "SS14 1DL"),
        ])
        for rule in [BlockingRule.houseAndPostcode, .postcodeAndInitial] {
            let keys = (0..<4).map { rule.key(records, $0) }
            #expect(keys.allSatisfy { $0 != 0 })
            #expect(keys[2] != keys[0])
            #expect(keys[3] != keys[0])
            if rule == .houseAndPostcode { #expect(keys[0] == keys[1]) }
        }
    }
}
