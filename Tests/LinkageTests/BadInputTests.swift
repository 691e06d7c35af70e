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
}
