import Foundation
import Testing
@testable import Synthetic

@Suite struct BuildingBlockTests {
    @Test func dayNumbersRoundTripAcrossLeapYears() {
        #expect(SyntheticDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(SyntheticDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        for day in stride(from: -40_000, through: 40_000, by: 37) {
            let date = SyntheticDate(dayNumber: day)
            #expect(date.dayNumber == day)
            #expect(SyntheticDate(parsing: date.iso) == date)
            #expect(SyntheticDate(parsing: date.british) == date)
        }
        #expect(SyntheticDate(year: 2023, month: 2, day: 29) == nil)
        #expect(SyntheticDate(parsing: "31/02/2020") == nil)
        #expect(SyntheticDate(year: 2024, month: 2, day: 29)?.adding(years: -1) == SyntheticDate(year: 2023, month: 2, day: 28))
    }

    @Test func nhsNumbersAreValidAndDistinct() {
        #expect(IdentityNumbers.checkDigit(943_476_591) == 9, "the example in docs/import-format.md")
        var seen = Set<String>()
        var missing = 0
        for index in 0..<50_000 {
            guard let number = IdentityNumbers.nhsNumber(person: index) else { missing += 1; continue }
            #expect(Rules.isNHSNumber(number))
            #expect(number.hasPrefix("999"), "the never-issued test range")
            #expect(seen.insert(number).inserted)
        }
        // About one nine-digit stem in eleven has check digit 10 and is never issued.
        #expect((3_000...6_500).contains(missing))
        #expect(Rules.isNHSNumber(IdentityNumbers.formatNHS("9434765919", style: 1)))
        #expect(IdentityNumbers.formatNHS("9434765919", style: 2) == "943-476-5919")
    }

    @Test func recordIDsAndCRONumbersAreWellFormed() {
        var ids = Set<String>()
        for counter in 0..<10_000 {
            #expect(ids.insert(IdentityNumbers.recordID(prefix: "X", counter: counter, salt: 4)).inserted)
        }
        for person in [0, 1, 99, 123_456, 999_999] {
            #expect(Rules.isCRONumber(IdentityNumbers.croNumber(person: person, year: 2007)))
        }
    }

    @Test func gazetteerGivesDistinctAddressesWithUKShapedPostcodes() {
        let gazetteer = Gazetteer(seed: 5, households: 2_000)
        var uprns = Set<Int>()
        for slot in 0..<gazetteer.slotCount {
            let address = gazetteer.address(slot: slot)
            #expect(uprns.insert(address.uprn).inserted)
            #expect(Rules.isPostcode(address.postcode), "\(address.postcode)")
            #expect(String(address.uprn).count == 12)
        }
        for household in 0..<16_000 {
            #expect(Rules.isPhone(Gazetteer.phone(household: household)))
        }
        let phones = Set((0..<15_000).map(Gazetteer.phone(household:)))
        #expect(phones.count == 15_000, "drama-range numbers are unique for the first 15,000 households")
    }

    @Test func aRegionHasAsManyPostcodeDistrictsAsItsSizeNeedsInInventedAreasOnly() {
        let borough = Gazetteer(seed: 5, households: 2_000)
        #expect(borough.districts == Gazetteer.minimumDistricts)
        // A metropolitan region: some 2.5 million households.
        let region = Gazetteer(seed: 5, households: 2_500_000)
        #expect(region.districts > 200)
        var districts = Set<Substring>()
        for slot in stride(from: 0, to: region.slotCount, by: 997) {
            let postcode = region.address(slot: slot).postcode
            #expect(Rules.isPostcode(postcode), "\(postcode)")
            let outward = postcode.split(separator: " ")[0]
            #expect(["HW", "HV", "HY", "HB", "HK", "HQ"].contains(String(outward.prefix(2))), "\(postcode)")
            districts.insert(outward)
        }
        #expect(districts.count == region.districts)
    }

    @Test func surnamesAreSpreadLikeARealPopulations() {
        // In England and Wales the commonest surname is about 1 person in 80 and the few
        // hundred commonest cover about a third of people; two strangers share a surname
        // roughly 1 time in 2,000. A table much more skewed than that makes namesakes (and
        // so linkage) far harder than in life.
        var random = SeededGenerator(seed: 11)
        var counts: [String: Int] = [:]
        let draws = 200_000
        for _ in 0..<draws { counts[Surnames.draw(&random), default: 0] += 1 }
        let shares = counts.values.map { Double($0) / Double(draws) }
        let shareOfCommonest = shares.max() ?? 1
        let sameSurname = shares.reduce(0) { $0 + $1 * $1 }
        #expect(shareOfCommonest < 0.015)
        #expect(sameSurname < 0.002)
        #expect(counts.count > 15_000)
    }

    @Test func csvLinesQuoteOnlyWhenNeeded() {
        var line = CSVLine()
        line.add("plain")
        line.add(nil)
        line.add("Flat 3, Elm Court")
        line.add("said \"no\"")
        line.add("")
        #expect(line.text == "plain,,\"Flat 3, Elm Court\",\"said \"\"no\"\"\",")
        #expect(CSVReader.records(line.text + "\n") == [["plain", "", "Flat 3, Elm Court", "said \"no\"", ""]])
    }

    @Test func jsonTextEscapesStrings() throws {
        var json = JSONText()
        json.open("{")
        json.field("name", "Children's \"hub\"\n\\")
        json.field("none", nil as String?)
        json.field("list", ["a", "b"])
        json.close("}")
        let object = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == "Children's \"hub\"\n\\")
        #expect(object?["none"] is NSNull)
        #expect(object?["list"] as? [String] == ["a", "b"])
    }

    @Test func typosKeepTheFirstLetterAndStayNonEmpty() {
        var random = SeededGenerator(seed: 11)
        for name in ["William", "Okafor", "O'Brien", "Zoë", "Lee", "Da Silva"] {
            for _ in 0..<200 {
                let varied = NameVariation.typo(name, &random)
                #expect(varied.first == name.first)
                #expect(varied.count >= name.count - 1 && varied.count <= name.count + 1)
            }
        }
    }
}
