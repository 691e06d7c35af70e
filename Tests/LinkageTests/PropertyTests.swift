import PropertyBased
import Testing
@testable import Linkage

/// Random but valid-looking records derived from a seed (invented names only).
enum RandomRecords {
    static let given = ["Ann", "Bob", "Robert", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Zoë", "Łukasz", "Дмитрий"]
    static let family = ["Lee", "Marsh", "Noble", "Okafor", "Price", "Quill", "Rowe", "Smith-Jones", "O'Hara", "Wójcik"]

    static func record(_ id: String, seed: Int, full: Bool = false) -> LinkageRecord {
        var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: seed))
        func maybe(_ value: String) -> String? { full || Bool.random(using: &random) ? value : nil }
        let year = Int.random(in: 1930...2020, using: &random)
        let month = Int.random(in: 1...12, using: &random), day = Int.random(in: 1...28, using: &random)
        return LinkageRecord(
            recordID: id, source: "p",
            givenNames: given.randomElement(using: &random),
            familyName: family.randomElement(using: &random),
            dateOfBirth: full ? LinkageRecord.dateOfBirth(year: year, month: month, day: day)
                : maybe(LinkageRecord.dateOfBirth(year: year, month: month, day: day)),
            sex: maybe(["M", "F", "X", "U"].randomElement(using: &random)!),
            addressLine: maybe("\(Int.random(in: 1...99, using: &random)) \(["Mill", "Park", "Elm"].randomElement(using: &random)!) Road"),
            postcode: maybe("SS\(Int.random(in: 1...20, using: &random)) \(Int.random(in: 0...9, using: &random))DL"),
            phone: maybe("07700 9\(Int.random(in: 10_000...99_999, using: &random))"),
            email: maybe("p\(seed)@example.org"),
            nhsNumber: maybe(["943 476 5919", "401 023 2137", "123"].randomElement(using: &random)!))
    }
}

@Suite("Linkage properties")
struct PropertyTests {
    @Test func scoreIsSymmetric() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            let records = [RandomRecords.record("a", seed: seed), RandomRecords.record("b", seed: seed &+ 7)]
            let scorer = PairScorer(model: .untrained, records: StandardisedRecords(records))
            let ab = scorer.score(0, 1), ba = scorer.score(1, 0)
            #expect(ab.weight == ba.weight)
            #expect(ab.pattern == ba.pattern)
        }
    }

    @Test func aRecordMatchesItself() async {
        let settings = LinkageSettings()
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            let record = RandomRecords.record("a", seed: seed, full: true)
            var copy = record
            copy.recordID = "b"
            let scorer = PairScorer(model: .untrained, records: StandardisedRecords([record, copy]))
            let pair = scorer.score(0, 1)
            #expect(pair.weight >= settings.autoLinkWeight)
            #expect(!pair.hasPersonConflict)
        }
    }

    @Test func anUnrelatedRecordNeverChangesOtherPeople() async throws {
        let base = try await Fixtures.run(Fixtures.people)
        let model = base.model
        await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000)) { seed in
            var unrelated = RandomRecords.record("new", seed: seed)
            unrelated.nhsNumber = nil
            let result = try await Fixtures.run(Fixtures.people + [unrelated], model: model)
            let n = Fixtures.people.count
            for i in 0..<n {
                for j in 0..<n {
                    let before = base.personOfRecord[i] == base.personOfRecord[j]
                    let after = result.personOfRecord[i] == result.personOfRecord[j]
                    #expect(before == after)
                }
            }
        }
    }

    @Test func standardisersAcceptAnyText() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            let length = Int.random(in: 0...60, using: &random)
            let scalars = (0..<length).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &random)) }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            _ = NameStandardiser.standardise(givenNames: text, familyName: text, otherNames: [text])
            _ = AddressStandardiser.standardise(text)
            _ = BirthDate.parse(text)
            _ = Postcode(text)
            _ = ContactStandardiser.phone(text)
            _ = ContactStandardiser.email(text)
            _ = IdentifierStandardiser.nhsNumber(text)
            _ = IdentifierStandardiser.croNumber(text)
            let records = StandardisedRecords([LinkageRecord(recordID: "x", givenNames: text, familyName: text,
                                                             dateOfBirth: text, addressLine: text, postcode: text)])
            #expect(records.count == 1)
        }
    }
}

@Suite("Clustering invariants")
struct ClusteringInvariantTests {
    /// A valid NHS number made from a seed (modulus-11 check digit).
    static func nhsNumber(_ seed: Int) -> String {
        var random = SeededGenerator(seed: UInt64(seed) &+ 1)
        while true {
            let digits = (0..<9).map { _ in Int.random(in: 0...9, using: &random) }
            var sum = 0
            for i in 0..<9 { sum += digits[i] * (10 - i) }
            let check = (11 - sum % 11) % 11
            if check == 10 { continue }
            return (digits + [check]).map(String.init).joined()
        }
    }

    @Test func peopleNeverHoldTwoDifferentValidNHSNumbers() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            // Look-alike records (one name, one date, one address) with NHS numbers from a small pool.
            let records = (0..<16).map { i in
                Fixtures.record("r\(i)", "Sam", "Carter", dob: "2001-01-01", address: "5 Park Lane", postcode: "SS14 1DL",
                                nhs: Bool.random(using: &random) ? Self.nhsNumber(Int.random(in: 0..<4, using: &random)) : nil)
            }
            let result = try await Fixtures.run(records)
            var numbers: [Int: Set<String>] = [:]
            for (i, record) in records.enumerated() {
                if let nhs = record.nhsNumber { numbers[result.personOfRecord[i], default: []].insert(nhs) }
            }
            #expect(numbers.values.allSatisfy { $0.count <= 1 })
        }
    }
}
