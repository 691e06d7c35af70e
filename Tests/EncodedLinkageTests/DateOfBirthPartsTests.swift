import Foundation
import PropertyBased
import Testing
@testable import EncodedLinkage

/// `docs/pprl-schema-dob-parts.json`: the date of birth encoded as its year, month
/// and day (features `dob_year`, `dob_month`, `dob_day`, each read from the whole date when
/// standardised), so that a date with one part slipped, or day and month swapped, keeps
/// most of its agreement while a relative's different date loses it all.
@Suite("Date of birth in parts")
struct DateOfBirthPartsTests {
    static func schema() throws -> LinkageSchema { try WeightedSchemaTests.schema("pprl-schema-dob-parts.json") }

    /// The schema's row for one person, from the people-extract values in the schema's order.
    static func row(_ schema: LinkageSchema, given: String, family: String, dob: String, sex: String,
                    address: String, postcode: String) -> [String] {
        let values = ["given_name": given, "surname": family, "date_of_birth": dob, "dob_year": dob, "dob_month": dob,
                      "dob_day": dob, "sex": sex, "address_line_1": address, "postcode": postcode]
        let raw = schema.features.map { values[$0.identifier] ?? "" }
        return ValueStandardiser(schema: schema).standardise(raw)
    }

    @Test func partsAreReadFromTheWholeDate() throws {
        let schema = try Self.schema()
        let row = Self.row(schema, given: "Thomas", family: "Morgan", dob: "04/03/1980", sex: "male",
                           address: "6 Northgate Street", postcode: "hw44gx")
        let named = Dictionary(uniqueKeysWithValues: zip(schema.features.map(\.identifier), row))
        #expect(named["date_of_birth"] == nil, "the parts stand in for the whole date")
        #expect(named["dob_year"] == "1980")
        #expect(named["dob_month"] == "03")
        #expect(named["dob_day"] == "04")
        let missing = Self.row(schema, given: "Thomas", family: "Morgan", dob: "not known", sex: "M", address: "", postcode: "")
        let gaps = Dictionary(uniqueKeysWithValues: zip(schema.features.map(\.identifier), missing))
        #expect(gaps["dob_year"] == "" && gaps["dob_month"] == "" && gaps["dob_day"] == "")
    }

    @Test func partNamesAreRecognised() {
        #expect(ValueStandardiser.DatePart(featureName: "dob_year") == .year)
        #expect(ValueStandardiser.DatePart(featureName: "date_of_birth_month") == .month)
        #expect(ValueStandardiser.DatePart(featureName: "DOB_DAY") == .day)
        #expect(ValueStandardiser.DatePart(featureName: "year") == nil)
        #expect(ValueStandardiser.DatePart(featureName: "dob_decade") == nil)
    }

    /// Standardising a row with date parts twice changes nothing, whatever the date's form.
    @Test func standardisingPartsTwiceChangesNothing() async throws {
        let schema = try Self.schema()
        let standardiser = ValueStandardiser(schema: schema)
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SplitMix(seed: UInt64(seed))
            let (y, m, d) = (1900 + Int(random.next() % 125), 1 + Int(random.next() % 12), 1 + Int(random.next() % 28))
            let forms = [String(format: "%04d-%02d-%02d", y, m, d), String(format: "%02d/%02d/%04d", d, m, y),
                         String(format: "%d.%d.%04d", d, m, y), "", "unknown", String(y)]
            let dob = forms[Int(random.next() % UInt64(forms.count))]
            let raw = schema.features.map { $0.identifier.hasPrefix("dob") || $0.identifier == "date_of_birth" ? dob : "x" }
            let once = standardiser.standardise(raw)
            #expect(standardiser.standardise(once) == once)
            if dob.contains("/") || dob.contains("-") || dob.contains(".") {
                let named = Dictionary(uniqueKeysWithValues: zip(schema.features.map(\.identifier), once))
                #expect(named["dob_year"] == String(format: "%04d", y))
                #expect(named["dob_month"] == String(format: "%02d", m))
                #expect(named["dob_day"] == String(format: "%02d", d))
            }
        }
    }

    /// A father and son of one name and address differ in every part of the date; the same man
    /// with day and month swapped, or a slip in the day, keeps the year (and the month). The
    /// parts schema scores the slips well above the relative, where the whole-date schema
    /// scored them alike.
    @Test func aSlippedDateScoresAboveARelativesDate() throws {
        let schema = try Self.schema()
        func dice(_ a: String, _ b: String) throws -> Double {
            try WeightedSchemaTests.dice(schema,
                                         Self.row(schema, given: "thomas", family: "morgan", dob: a, sex: "M",
                                                  address: "6 northgate street", postcode: "HW4 4GX"),
                                         Self.row(schema, given: "thomas", family: "morgan", dob: b, sex: "M",
                                                  address: "6 northgate street", postcode: "HW4 4GX"))
        }
        let son = try dice("1975-03-09", "2001-07-21")
        let swapped = try dice("1975-03-09", "1975-09-03")
        let daySlip = try dice("1975-03-09", "1975-03-10")
        #expect(swapped > son + 0.1)
        #expect(daySlip > swapped)
        #expect(try dice("1975-03-09", "09/03/1975") == 1)
        #expect(schema.length == 1024)
    }
}
