import PropertyBased
import Testing
@testable import Linkage

@Suite("Name standardisation")
struct NameStandardisationTests {
    @Test func foldsCaseAccentsAndPunctuation() {
        let name = NameStandardiser.standardise(givenNames: "  zoë  Renée ", familyName: "O'Brien")
        #expect(name.firstGiven == "ZOE")
        #expect(name.middleGiven == "RENEE")
        #expect(name.family == "OBRIEN")
    }

    @Test func removesTitlesAndSuffixes() {
        let name = NameStandardiser.standardise(givenNames: "Dr. John", familyName: "Smith Jr")
        #expect(name.firstGiven == "JOHN")
        #expect(name.family == "SMITH")
    }

    @Test(arguments: ["Smith-Jones", "Smith Jones", "SMITH - JONES"])
    func joinsDoubleBarrelledSurnames(raw: String) {
        let name = NameStandardiser.standardise(givenNames: "Ann", familyName: raw)
        #expect(name.family == "SMITHJONES")
        #expect(name.familyParts == ["SMITH", "JONES"])
    }

    @Test func keepsParticlesInTheSurnameButNotAsParts() {
        let name = NameStandardiser.standardise(givenNames: "Anna", familyName: "van der Berg")
        #expect(name.family == "VANDERBERG")
        #expect(name.familyParts.isEmpty)
    }

    @Test func splitsOtherNamesAndDropsPlaceholders() {
        let name = NameStandardiser.standardise(givenNames: "Unknown", familyName: "Doe", otherNames: ["Smith; Brown"])
        #expect(name.firstGiven == nil)
        #expect(name.otherNames == ["SMITH", "BROWN"])
    }

    @Test func keepsNonLatinNamesAsText() {
        let name = NameStandardiser.standardise(givenNames: "Дмитрий", familyName: "李")
        #expect(name.firstGiven != nil)
        #expect(name.family != nil)
        #expect(Phonetic.code(name.family ?? "") != 0)
    }

    @Test(arguments: [("Robert", "Bob"), ("Margaret", "Peggy"), ("William", "Liam"), ("Elizabeth", "Betty"), ("Bobby", "Rob")])
    func knowsNicknames(pair: (String, String)) {
        #expect(NicknameTable.areVariants(pair.0, pair.1))
    }

    @Test func doesNotInventNicknames() {
        #expect(!NicknameTable.areVariants("Robert", "William"))
        #expect(NicknameTable.groups.count >= 100)
    }

    @Test func phoneticCodesMeetOnSpellingVariants() {
        #expect(Phonetic.code("SMITH") == Phonetic.code("SMYTH"))
        #expect(Phonetic.code("PHILIPS") == Phonetic.code("FILIPS"))
        #expect(Phonetic.code("KNIGHT") == Phonetic.code("NIGHT"))
        #expect(Phonetic.code("SMITH") != Phonetic.code("JONES"))
        #expect(Phonetic.code("") == 0)
    }
}

@Suite("Date, sex and identifier standardisation")
struct FieldStandardisationTests {
    @Test(arguments: ["1985-03-14", "14/03/1985", "14-03-1985", "14.03.1985", "19850314", " 1985-03-14T00:00:00 "])
    func readsDateShapes(raw: String) {
        #expect(BirthDate.parse(raw) == .valid(BirthDate(year: 1985, month: 3, day: 14)!))
    }

    /// Every real date reads back from every accepted shape, and with day and month
    /// swapped (where the day could be a month) as a transposition.
    @Test func everyDateReadsBackFromEveryShape() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...(251 * 12 * 31 - 1))) { value in
            let year = 1850 + value / (12 * 31), month = value / 31 % 12 + 1, day = value % 31 + 1
            guard let date = BirthDate(year: year, month: month, day: day) else { return }
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let shapes = ["\(year)-\(two(month))-\(two(day))", "\(two(day))/\(two(month))/\(year)", "\(two(day))-\(two(month))-\(year)",
                          "\(two(day)).\(two(month)).\(year)", "\(year)\(two(month))\(two(day))", " \(year)-\(two(month))-\(two(day))T10:30:00 "]
            for shape in shapes { #expect(BirthDate.parse(shape) == .valid(date), "\(shape)") }
            if day > 12 { #expect(BirthDate.parse("\(year)-\(two(day))-\(two(month))") == .swapped(date)) }
            #expect(BirthDate.parse("\(year)-\(two(month))") == .invalid && BirthDate.parse("\(year)") == .invalid)
        }
    }

    @Test func detectsDayMonthTransposition() {
        #expect(BirthDate.parse("1985-14-03") == .swapped(BirthDate(year: 1985, month: 3, day: 14)!))
        #expect(BirthDateAgreement.compare(19850314, 19850314) == .exact)
        #expect(BirthDateAgreement.compare(19850304, 19850403) == .transposedDayMonth)
        #expect(BirthDateAgreement.compare(19850314, 19850315) == .oneComponentOff)
        #expect(BirthDateAgreement.compare(19850314, 19860314) == .oneComponentOff)
        #expect(BirthDateAgreement.compare(19850314, 19850720) == .sameYear)
        #expect(BirthDateAgreement.compare(19850314, 19870720) == .withinTwoYears)
        #expect(BirthDateAgreement.compare(19850314, 19620720) == .different)
    }

    @Test(arguments: ["31/02/2020", "2020-13-13", "yesterday", "1700-01-01", "12345678901"])
    func refusesImpossibleDates(raw: String) {
        #expect(BirthDate.parse(raw) == .invalid)
    }

    @Test func readsSex() {
        #expect(RecordedSex(raw: "Female") == .female)
        #expect(RecordedSex(raw: " m ") == .male)
        #expect(RecordedSex(raw: "X") == .other)
        #expect(RecordedSex(raw: "U") == .unknown)
        #expect(RecordedSex(raw: nil) == .unknown)
    }

    @Test func validatesNHSNumbers() {
        #expect(IdentifierStandardiser.nhsNumber("943 476 5919") == .valid(9_434_765_919))
        #expect(IdentifierStandardiser.nhsNumber("943-476-5919") == .valid(9_434_765_919))
        #expect(IdentifierStandardiser.nhsNumber("9434765918") == .invalid)
        #expect(IdentifierStandardiser.nhsNumber("0000000000") == .invalid)
        #expect(IdentifierStandardiser.nhsNumber("12345") == .invalid)
        #expect(IdentifierStandardiser.nhsNumber("  ") == .missing)
    }

    @Test func validatesCRONumbers() {
        guard case .valid(let a) = IdentifierStandardiser.croNumber("012345/99A"),
              case .valid(let b) = IdentifierStandardiser.croNumber("12345/99a")
        else { Issue.record("expected valid CRO numbers"); return }
        #expect(a == b)
        #expect(IdentifierStandardiser.croNumber("1234567/99A") == .invalid)
        #expect(IdentifierStandardiser.croNumber("12345-99A") == .invalid)
    }
}

@Suite("Postcode, phone, email and address standardisation")
struct LocationStandardisationTests {
    @Test(arguments: ["SS14 1DL", "ss141dl", "SS14  1DL", "ss14-1dl"])
    func readsPostcodes(raw: String) {
        #expect(Postcode(raw)?.description == "SS14 1DL")
    }

    @Test func splitsPostcodeLevels() throws {
        let a = try #require(Postcode("SS14 1DL")), b = try #require(Postcode("SS14 1DP"))
        let c = try #require(Postcode("SS14 2AA")), d = try #require(Postcode("SS15 1DL"))
        let e = try #require(Postcode("EC1A 1BB")), f = try #require(Postcode("W1A 0AX"))
        #expect(a.sector == b.sector && a.unit != b.unit)
        #expect(a.district == c.district && a.sector != c.sector)
        #expect(a.area == d.area && a.district != d.district)
        #expect(e.description == "EC1A 1BB")
        #expect(f.description == "W1A 0AX")
        #expect(Postcode("SS14")?.isFullUnit == false)
        #expect(Postcode("SS14 ODL")?.description == "SS14 0DL")
    }

    @Test(arguments: ["", "12345", "ABCDEFGH", "1SS 4DL", "SS14 1D"])
    func refusesNonPostcodes(raw: String) {
        #expect(Postcode(raw) == nil)
    }

    @Test func normalisesUKPhones() {
        let national = ContactStandardiser.phone("07700 900123")
        #expect(ContactStandardiser.phone("+44 7700 900123") == national)
        #expect(ContactStandardiser.phone("0044 7700 900 123") == national)
        #expect(ContactStandardiser.phone("+44 (0)7700 900123") == national)
        #expect(ContactStandardiser.phone("7700900123") == national)
        guard case .valid = national else { Issue.record("expected a valid phone"); return }
        guard case .invalid = ContactStandardiser.phone("1234567") else { Issue.record("expected plain digits"); return }
        #expect(ContactStandardiser.phone("none") == .unusable)
        #expect(ContactStandardiser.phone(nil) == .missing)
    }

    @Test func normalisesEmails() {
        #expect(ContactStandardiser.normalisedEmail("  Jane.Doe@Example.ORG ") == "jane.doe@example.org")
        #expect(ContactStandardiser.normalisedEmail("no-at-sign") == nil)
        #expect(ContactStandardiser.normalisedEmail("a@b@c") == nil)
        #expect(ContactStandardiser.normalisedEmail("@example.org") == nil)
    }

    @Test func standardisesAddresses() {
        let a = AddressStandardiser.standardise("Flat 2, 12a Mill Rd")
        #expect(a.flat == "2")
        #expect(a.houseNumber == "12A")
        #expect(a.streetTokens == ["MILL", "ROAD"])
        #expect(AddressStandardiser.standardise("12 Mill Road").streetTokens == a.streetTokens)
        #expect(AddressStandardiser.standardise("3 St Mary's Ave").streetTokens == ["SAINT", "MARYS", "AVENUE"])
        #expect(AddressStandardiser.standardise("4 High St").streetTokens == ["HIGH", "STREET"])
        #expect(AddressStandardiser.standardise(nil).isEmpty)
    }
}
