import LanternDomain
import PropertyBased
import Testing

/// Other people's names are withheld from a subject's pack by default.
@Suite struct ThirdPartyRedactionTests {
    @Test func otherPeoplesNamesAreWithheldWhateverTheirCase() {
        let redaction = ThirdPartyRedaction(thirdParties: ["Margaret Williams", "Sam Doe"], subject: "Jane Doe")
        let (text, count) = redaction.redact("Argument with MARGARET at the flat; williams left. Sam was at school. Jane called.")
        #expect(text == "Argument with \(ThirdPartyRedaction.marker) at the flat; \(ThirdPartyRedaction.marker) left. "
            + "\(ThirdPartyRedaction.marker) was at school. Jane called.")
        #expect(count == 3)
    }

    @Test func theSubjectsOwnNameAndPartsOfOtherWordsStay() {
        // "Doe" is the subject's name too: it stays; "Samantha" is not "Sam".
        let redaction = ThirdPartyRedaction(thirdParties: ["Sam Doe"], subject: "Jane Doe")
        #expect(redaction.redact("Samantha Doe rang about Jane").text == "Samantha Doe rang about Jane")
        #expect(ThirdPartyRedaction(thirdParties: ["Al Li"], subject: "Jane Doe").redact("Al Li").redactions == 0,
                "names of fewer than three letters are too common to redact blindly")
    }

    @Test func noThirdPartyNameSurvivesRedaction() async {
        let names = ["Kelly", "O'Brien", "Smith-Jones", "Patel", "Nowak"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let party = names[rng.next(below: names.count)]
            let filler = ["the", "visit", "by", "and", "at", "home", party, party.uppercased(), "(\(party))"]
            let text = (0..<12).map { _ in filler[rng.next(below: filler.count)] }.joined(separator: " ")
            let (redacted, _) = ThirdPartyRedaction(thirdParties: [party], subject: "Jane Doe").redact(text)
            #expect(!redacted.lowercased().split { !($0.isLetter || $0 == "'" || $0 == "-") }.contains { $0 == party.lowercased() },
                    "seed \(seed): \(party) survived in \(redacted)")
        }
    }
}
