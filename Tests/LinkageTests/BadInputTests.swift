import Testing
@testable import Linkage

@Suite("Bad input")
struct BadInputTests {
    @Test func emptyInputGivesAnEmptyResult() async throws {
        let result = try await Fixtures.run([])
        #expect(result.personCount == 0)
        #expect(result.pairs.isEmpty)
        #expect(result.summary.records == 0)
    }

    @Test func oneRecordIsOnePerson() async throws {
        let result = try await Fixtures.run([Fixtures.people[0]])
        #expect(result.personCount == 1)
        #expect(result.personOfRecord == [0])
    }

    @Test func allMissingFieldsAreSeparatePeople() async throws {
        let records = (0..<4).map { LinkageRecord(recordID: "empty\($0)") }
        let result = try await Fixtures.run(records)
        #expect(result.personCount == 4)
        #expect(result.summary.fieldQuality.missingNames == 4)
    }

    @Test func nonLatinNamesLinkOnTheirOwnText() async throws {
        let records = [
            Fixtures.record("n1", "Дмитрий", "Иванов", dob: "1990-02-03", postcode: "SS14 1DL"),
            Fixtures.record("n2", "дмитрий", "иванов", dob: "1990-02-03", postcode: "SS14 1DL"),
            Fixtures.record("n3", "美玲", "王", dob: "1990-02-03", postcode: "SS14 1DL"),
        ]
        let result = try await Fixtures.run(records)
        #expect(Fixtures.samePerson(result, "n1", "n2"))
        #expect(!Fixtures.samePerson(result, "n1", "n3"))
    }

    @Test func thousandCharacterFieldsAreHarmless() async throws {
        let long = String(repeating: "Ab-c'd ", count: 150)
        let records = [
            Fixtures.record("l1", long, long, dob: long, sex: long, address: long, postcode: long, phone: long,
                            email: long, nhs: long, cro: long, other: [long], uprn: long),
            Fixtures.record("l2", long, long, dob: long, address: long),
        ]
        let result = try await Fixtures.run(records)
        #expect(result.summary.records == 2)
        #expect(result.summary.fieldQuality.oversizedFields == 2)
    }

    @Test func invalidValuesAreCountedNotFatal() async throws {
        let records = [
            Fixtures.record("i1", "Ann", "Lee", dob: "31/02/2020", postcode: "NOT A CODE", phone: "call me", email: "nope",
                            nhs: "9434765918", cro: "x", uprn: "12ab"),
        ]
        let result = try await Fixtures.run(records)
        let quality = result.summary.fieldQuality
        #expect(quality.invalidDates == 1)
        #expect(quality.invalidPostcodes == 1)
        #expect(quality.invalidPhones == 1)
        #expect(quality.invalidEmails == 1)
        #expect(quality.invalidNHSNumbers == 1)
        #expect(quality.invalidCRONumbers == 1)
        #expect(quality.invalidUPRNs == 1)
    }

    @Test func duplicateRecordIDsAreATypedError() async throws {
        let records = [Fixtures.people[0], Fixtures.people[0]]
        await #expect(throws: LinkageError(code: .duplicateRecordID, recordID: "a1")) {
            _ = try await Fixtures.run(records)
        }
    }

    @Test func oddSettingsAreClampedNotFatal() async throws {
        var settings = LinkageSettings()
        settings.autoLinkProbability = 7
        settings.reviewProbability = -1
        settings.maximumBlockSize = -5
        settings.randomPairSampleSize = 0
        settings.maximumEMIterations = 0
        settings.workers = 0
        let result = try await Fixtures.run(Fixtures.people, settings: settings)
        #expect(result.personOfRecord.count == Fixtures.people.count)

        settings = LinkageSettings()
        settings.blockingRules = []
        let unblocked = try await Fixtures.run(Fixtures.people, settings: settings)
        #expect(unblocked.personCount == Fixtures.people.count)
        #expect(unblocked.summary.candidatePairs == 0)
    }

    @Test func defaultDatesOfBirthAreNotKnownNotEvidence() async throws {
        // The same woman, once with the system's default date: no conflict, no agreement.
        let records = [
            Fixtures.record("d1", "Amira", "Haddad", dob: "1900-01-01", postcode: "SS14 1DL", phone: "07700 900123"),
            Fixtures.record("d2", "Amira", "Haddad", dob: "12/04/1991", postcode: "SS14 1DL", phone: "07700 900123"),
            Fixtures.record("d3", "Yusuf", "Osei", dob: "01/01/1900", postcode: "SS14 1DL"),
        ]
        let standard = StandardisedRecords(records)
        #expect(standard.quality.placeholderDates == 2)
        let comparator = RecordComparator(standard)
        #expect(ComparisonPattern(code: comparator.pattern(0, 1)).level(of: .dateOfBirth) == 0)
        #expect(ComparisonPattern(code: comparator.pattern(0, 2)).level(of: .dateOfBirth) == 0)
        let result = try await Fixtures.run(records)
        #expect(result.personOfRecord[0] != result.personOfRecord[2])
    }

    @Test func aDateOnFarTooManyRecordsIsSetAsideAndNotNamed() async throws {
        // 3,000 people over 1,500 dates, and one date typed in for 400 more: a local default.
        var records: [LinkageRecord] = []
        for n in 0..<3_000 {
            let dob = LinkageRecord.dateOfBirth(year: 1950 + n % 50, month: 1 + n / 50 % 12, day: 1 + n / 600)
            records.append(Fixtures.record("r\(n)", "Given\(n % 97)", "Family\(n % 89)", dob: dob))
        }
        for n in 0..<400 { records.append(Fixtures.record("x\(n)", "Other\(n % 13)", "Name\(n % 31)", dob: "1985-06-15")) }
        let result = try await Fixtures.run(records)
        #expect(result.summary.fieldQuality.placeholderDates == 400)
        let warning = try #require(result.summary.warnings.first { $0.contains("400 records") })
        #expect(!warning.contains("1985"))
        // The epoch is a real birthday too: a handful of them stay evidence.
        let few = StandardisedRecords(records.prefix(100) + [Fixtures.record("e", "Ann", "Lee", dob: "1970-01-01")])
        #expect(PlaceholderDates.find(in: few.birthDate).isEmpty)
    }

    @Test(arguments: [
        ("N/A", nil), ("Not Known", nil), ("Baby Girl", nil), ("UNBORN", nil), ("n/k", nil),
        ("A", "A"), ("Ann", "ANN"), ("Baby Ann", "ANN"), ("Mr", nil),
    ] as [(String, String?)])
    func placeholderGivenNamesAreNotNames(raw: String, expected: String?) {
        let name = NameStandardiser.standardise(givenNames: raw, familyName: "Lee")
        #expect(name.firstGiven == expected)
    }

    @Test func writtenButUnusableNamesAreCounted() {
        let standard = StandardisedRecords([
            Fixtures.record("u1", "Unknown", "Lee"), Fixtures.record("u2", "Ann", "Lee"), Fixtures.record("u3", nil, "N/A"),
        ])
        #expect(standard.quality.placeholderNames == 2)
    }
}
