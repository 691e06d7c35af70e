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
