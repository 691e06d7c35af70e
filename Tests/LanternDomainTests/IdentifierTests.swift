import LanternDomain
import PropertyBased
import Testing

@Suite struct IdentifierTests {
    @Test(arguments: ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
    func validNHSNumbersAreAccepted(_ text: String) {
        #expect(NHSNumber(text) != nil)
    }

    @Test func nhsNumberKnownAnswers() {
        // 943 476 591 -> weighted sum 299, 299 mod 11 = 2, 11 - 2 = 9.
        #expect(NHSNumber.validate("9434765919") == .success(NHSNumber("9434765919")!))
        #expect(NHSNumber.validate("9434765918") == .failure(.checkDigitMismatch))
        #expect(NHSNumber.validate("943476591") == .failure(.notTenDigits))
        #expect(NHSNumber.validate("94347659AB") == .failure(.notTenDigits))
        #expect(NHSNumber("9434765919")?.digits == "9434765919")
    }

    @Test func everyNineDigitStemHasAtMostOneValidCheckDigit() async {
        await propertyCheck(input: Gen.int(in: 0...999_999_999)) { stem in
            let digits = String(stem).leftPadded(to: 9)
            let valid = (0...9).filter { NHSNumber(digits + String($0)) != nil }
            #expect(valid.count <= 1)
        }
    }

    @Test(arguments: [("SS14 1DL", "SS14 1DL", "SS14", "SS14 1", "SS"), ("ss141dl", "SS14 1DL", "SS14", "SS14 1", "SS"),
                      ("W1A 0AX", "W1A 0AX", "W1A", "W1A 0", "W"), ("M1 1AE", "M1 1AE", "M1", "M1 1", "M"),
                      ("EC1A1BB", "EC1A 1BB", "EC1A", "EC1A 1", "EC")])
    func postcodesAreNormalisedAndSplit(_ input: String, _ value: String, _ district: String, _ sector: String, _ area: String) throws {
        let postcode = try #require(Postcode(input))
        #expect(postcode.value == value)
        #expect(postcode.district == district)
        #expect(postcode.sector == sector)
        #expect(postcode.area == area)
    }

    @Test(arguments: ["", "SS14", "1234 567", "SS14 1D", "SS14-1DL", "ZZZZ 1AA", "S1 AAA"])
    func badPostcodesAreRefused(_ input: String) {
        #expect(Postcode(input) == nil)
    }

    @Test func croNumbers() {
        #expect(CRONumber("123456/08K")?.value == "123456/08K")
        #expect(CRONumber("12/99a")?.value == "12/99A")
        #expect(CRONumber("1234567/08K") == nil)
        #expect(CRONumber("123456-08K") == nil)
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: [("2020-02-29", true), ("2019-02-29", false), ("31/04/2020", false), ("30/04/2020", true),
                      ("2000-02-29", true), ("1900-02-29", false), ("2020-13-01", false), ("2020-1-1", false),
                      ("14/03/1985", true), ("1985/03/14", false)])
    func parsesOnlyRealDates(_ text: String, _ valid: Bool) {
        #expect((CalendarDate(parsing: text) != nil) == valid)
    }

    @Test func bothFormsGiveTheSameDay() {
        #expect(CalendarDate(parsing: "14/03/1985") == CalendarDate(parsing: "1985-03-14"))
    }

    @Test func dayNumberRoundTrips() async {
        await propertyCheck(input: Gen.int(in: -60_000...60_000)) { n in
            let date = CalendarDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(CalendarDate(parsing: date.description) == date)
        }
    }

    @Test func knownDayNumbers() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        #expect(CalendarDate(dayNumber: 20_454).description == "2026-01-01")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
