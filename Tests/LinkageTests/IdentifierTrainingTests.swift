import Foundation
import Testing
@testable import Linkage

/// Fathers and sons who share a name and an address look, to EM on the name and place
/// sessions, like one person with a mistyped date of birth. Pairs sharing an NHS number
/// are one person whatever their relatives look like, so they teach date of birth.
@Suite("Date of birth taught by shared identifiers")
struct IdentifierTrainingTests {
    static let given = ["Aldous", "Bram", "Cosmo", "Dorian", "Emlyn", "Fergal", "Gideon", "Hector", "Isidore", "Jolyon",
                        "Kenelm", "Lorcan", "Magnus", "Nevin", "Orrin", "Piran", "Quillon", "Rhodri", "Silas", "Tobiah"]
    static let family = ["Ashdown", "Brackley", "Culvercombe", "Dunsmore", "Ellerby", "Fothergill", "Grimsdale", "Hartwell",
                         "Ingleby", "Jessop", "Kingsmill", "Loxley", "Merriweather", "Northcote", "Ockendon", "Pennock",
                         "Quarrendon", "Ravenhill", "Sowerby", "Thackeray", "Upwood", "Vellacott", "Wetherall", "Yardley"]

    /// A valid NHS number (modulus 11 check digit) from a serial number.
    static func nhsNumber(_ serial: Int) -> String? {
        let digits = String(format: "%09d", 400_000_000 + serial).compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
        let check = (11 - sum % 11) % 11
        guard check != 10 else { return nil }
        return digits.map(String.init).joined() + String(check)
    }

    /// 520 people each held by two partners (both records carry the NHS number when
    /// `identifiers` is true), and 260 fathers and sons with one name at one address.
    static func records(identifiers: Bool) -> [LinkageRecord] {
        var random = SeededGenerator(seed: 41)
        var out: [LinkageRecord] = []
        var serial = 0
        for person in 0..<520 {
            var nhs: String?
            repeat { serial += 1; nhs = nhsNumber(serial) } while nhs == nil
            let given = given.randomElement(using: &random)!, family = family.randomElement(using: &random)!
            let dob = LinkageRecord.dateOfBirth(year: Int.random(in: 1940...2015, using: &random), month: Int.random(in: 1...12, using: &random),
                                                day: Int.random(in: 1...28, using: &random))
            let house = Int.random(in: 1...200, using: &random)
            for copy in 0..<2 {
                out.append(Fixtures.record("p\(person)-\(copy)", given, family, dob: dob, sex: "M",
                                           address: "\(copy == 0 ? house : house + 40) Holloway Lane",
                                           postcode: "SS\(1 + person % 17) \(copy == 0 ? 1 : 4)DL",
                                           nhs: identifiers ? nhs : nil, source: copy == 0 ? "health" : "council"))
            }
        }
        for family in 0..<260 {
            let given = given.randomElement(using: &random)!, surname = family.isMultiple(of: 2) ? Self.family[family % 24] : Self.family[(family * 7) % 24]
            let fatherYear = Int.random(in: 1950...1975, using: &random)
            let address = "\(Int.random(in: 1...300, using: &random)) Wyvern Street", postcode = "CM\(1 + family % 9) \(family % 10)QT"
            out.append(Fixtures.record("f\(family)", given, surname, dob: LinkageRecord.dateOfBirth(year: fatherYear, month: 3, day: 9),
                                       sex: "M", address: address, postcode: postcode, source: "council"))
            out.append(Fixtures.record("s\(family)", given, surname, dob: LinkageRecord.dateOfBirth(year: fatherYear + 27, month: 11, day: 21),
                                       sex: "M", address: address, postcode: postcode, source: "school"))
        }
        return out
    }

    @Test func pairsSharingAnNHSNumberTeachDateOfBirth() async throws {
        // u from a sample rather than all 1.2 million pairs, so that the test stays quick.
        var settings = LinkageSettings()
        settings.randomPairSampleSize = 100_000
        async let taughtRun = Fixtures.run(Self.records(identifiers: true), settings: settings)
        async let untaughtRun = Fixtures.run(Self.records(identifiers: false), settings: settings)
        let (taught, untaught) = try await (taughtRun, untaughtRun)
        #expect(taught.summary.personFieldsTaughtByIdentifiers)
        #expect(!untaught.summary.personFieldsTaughtByIdentifiers)
        let different = ComparisonField.dateOfBirth.levelCount - 1
        // One person's two records never disagree on date of birth here, so the learnt chance
        // of it is the smoothing's alone; the relatives taught the other model otherwise.
        #expect(taught.model.fields[ComparisonField.dateOfBirth.rawValue].m[different] < 0.02)
        #expect(taught.model.weight(.dateOfBirth, level: different) < untaught.model.weight(.dateOfBirth, level: different) - 1)
        for family in 0..<260 {
            #expect(!Fixtures.samePerson(taught, "f\(family)", "s\(family)"))
        }
    }
}
