import PropertyBased
import Testing
@testable import Linkage

/// The blocking rules that bring together records whose given and family names were written
/// the wrong way round, or whose surname and postcode were both mistyped (invented people).
struct SwappedNameBlockingTests {
    private func keys(_ rule: BlockingRule, _ records: [LinkageRecord]) -> [UInt64] {
        let standard = StandardisedRecords(records)
        return records.indices.map { rule.key(standard, $0) }
    }

    @Test func namesInEitherOrderInOnePostcodeAreaShareAKey() {
        let k = keys(.namesEitherOrderAndArea, [
            Fixtures.record("a", "Chloe", "Mclaine", address: "9 Appel Crescent", postcode: "3199"),
            Fixtures.record("b", "Mclaine", "Chloe", address: "1 Appel Crescent", postcode: "3198"),  // slip in the last half
            Fixtures.record("c", "Chloe", "Mclaine", postcode: "4199"),                              // another area
            Fixtures.record("d", "Megan", "Dunington", postcode: "SS14 1DL"),
            Fixtures.record("e", "Dunnington", "Megan", postcode: "ss14 9zz"),                       // same district
            Fixtures.record("f", "Megan", "Dunington", postcode: "SS15 1DL"),                        // next district
            Fixtures.record("g", "Chloe", "Mclaine", postcode: "31"),                                // "31" as written, not "3199"'s area
        ])
        #expect(k.allSatisfy { $0 != 0 })
        #expect(k[0] == k[1])
        #expect(k[0] != k[2])
        #expect(k[3] == k[4])
        #expect(k[3] != k[5])
        #expect(k[6] != k[0])
    }

    @Test func namesEitherOrderNeedsBothNamesAndAPostcode() {
        let k = keys(.namesEitherOrderAndArea, [
            Fixtures.record("a", "Chloe", nil, postcode: "3199"),
            Fixtures.record("b", nil, "Mclaine", postcode: "3199"),
            Fixtures.record("c", "Chloe", "Mclaine", dob: "1980-01-02", address: "9 Appel Crescent"),
        ])
        #expect(k == [0, 0, 0])
    }

    @Test func theSameHouseAndStreetWithTheSameInitialsShareAKey() {
        let k = keys(.houseStreetAndInitials, [
            Fixtures.record("a", "Ruby", "Reid", address: "12 Judkins Street", postcode: "4350"),
            Fixtures.record("b", "Ruby", "Reip", address: "12 judkins st", postcode: "4305"),    // surname sounds different
            Fixtures.record("c", "Reid", "Ruby", address: "12 Judkins Street", postcode: "4315"), // swapped
            Fixtures.record("d", "Ruby", "Reid", address: "14 Judkins Street", postcode: "4350"),
            Fixtures.record("e", "Ruby", "Neid", address: "12 Judkins Street", postcode: "4350"),
            Fixtures.record("f", "Ruby", "Reid", address: "12 Judkins Street", postcode: "5350"), // another area
            Fixtures.record("g", "Ruby", "Reid", address: "Judkins Street", postcode: "4350"),    // no house number
            Fixtures.record("h", "Ruby", nil, address: "12 Judkins Street", postcode: "4350"),
            Fixtures.record("i", "Ruby", "Reid", address: "12 Judkins Street"),                   // no postcode
        ])
        #expect(k[0] != 0 && k[0] == k[1] && k[1] == k[2])
        #expect(k[3] != k[0])
        #expect(k[4] != k[0])
        #expect(k[5] != 0 && k[5] != k[0])
        #expect(k[6] == 0 && k[7] == 0 && k[8] == 0)
    }

    @Test func swappedNamesWithAMistypedPostcodeBecomeACandidatePair() async {
        // No date of birth, the postcode's last digits swapped: no other rule pairs them.
        let records = [
            Fixtures.record("a", "Georgia", "Hague", address: "13 Leahy Close", postcode: "3218"),
            Fixtures.record("b", "Hague", "Georgia", address: "5 Leahy Close", postcode: "3281"),
            Fixtures.record("c", "Samuel", "Crimes", dob: "1955-12-24", address: "91 Newbu Place", postcode: "5351"),
        ]
        var without = LinkageSettings()
        without.blockingRules.removeAll { $0 == .namesEitherOrderAndArea }
        let before = await BlockingPlan.make(records: records, settings: without)
        let after = await BlockingPlan.make(records: records)
        #expect(before.proposedPairs == 0)
        #expect(after.proposedPairsByRule["names-either-order+postcode-area"] == 1)
        #expect(after.proposedPairs == 1)
    }

    @Test func namesEitherOrderKeyIgnoresTheOrder() async {
        // Single-word names: a hyphenated one is split into given and middle names.
        let given = (RandomRecords.given + RandomRecords.family).filter { !$0.contains("-") }
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            let a = given.randomElement(using: &random)!, b = given.randomElement(using: &random)!
            let postcode = Bool.random(using: &random) ? "SS\(Int.random(in: 1...20, using: &random)) 1DL"
                : String(Int.random(in: 1000...9999, using: &random))
            let house = "\(Int.random(in: 1...99, using: &random)) Mill Road"
            let records = [Fixtures.record("x", a, b, address: house, postcode: postcode),
                           Fixtures.record("y", b, a, address: house, postcode: postcode)]
            for rule in [BlockingRule.namesEitherOrderAndArea, .houseStreetAndInitials] {
                let k = keys(rule, records)
                #expect(k[0] == k[1])
                #expect(k[0] != 0)
            }
        }
    }
}
