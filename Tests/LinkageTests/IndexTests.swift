import Testing
@testable import Linkage

@Suite("Incremental index")
struct IndexTests {
    func seeded() async throws -> (LinkageResult, LinkageIndex) {
        let batch = try await Fixtures.run(Fixtures.people)
        let index = try await LinkageIndex.build(records: Fixtures.people, personIDs: batch.personOfRecord, model: batch.model)
        return (batch, index)
    }

    @Test func assignsAVariantToTheExistingPerson() async throws {
        let (batch, index) = try await seeded()
        let record = Fixtures.record("a4", "Rob", "Whitfield", dob: "1984-05-17", address: "12 Mill Road", postcode: "SS14 1DL")
        let assignment = try index.resolve(record)
        #expect(!assignment.isNewPerson)
        #expect(assignment.personID == batch.clusters["a1"])
        #expect(index.personID(ofRecord: "a4") == batch.clusters["a1"])
        #expect(assignment.match != nil)
    }

    @Test func createsANewPersonForAStrangerAndKeepsIDsStable() async throws {
        let (batch, index) = try await seeded()
        let assignment = try index.resolve(Fixtures.record("z1", "Priya", "Natarajan", dob: "2012-06-06", postcode: "LS1 4AP"))
        #expect(assignment.isNewPerson)
        #expect(assignment.personID == batch.personCount)
        for id in Fixtures.people.map(\.recordID) { #expect(index.personID(ofRecord: id) == batch.clusters[id]) }
    }

    @Test func buildsFromABatchResultWithoutRestandardising() async throws {
        let batch = try await Fixtures.run(Fixtures.people)
        let index = LinkageIndex(result: batch)
        #expect(index.recordCount == Fixtures.people.count)
        for id in Fixtures.people.map(\.recordID) { #expect(index.personID(ofRecord: id) == batch.clusters[id]) }
        let assignment = try index.resolve(Fixtures.record("b3", "Maggie", "Hale", dob: "1961-02-03",
                                                           address: "7 Orchard Close", postcode: "CM2 9XY"))
        #expect(assignment.personID == batch.clusters["b1"])
    }

    @Test func refusesDuplicateRecordIDs() async throws {
        let (_, index) = try await seeded()
        #expect(throws: LinkageError.self) { try index.resolve(Fixtures.people[0]) }
    }

    @Test func respectsCannotLinkAndConflictingNHSNumbers() async throws {
        let (_, index) = try await seeded()
        let twin = Fixtures.record("t1", "Robert", "Whitfield", dob: "1984-05-17", address: "12 Mill Road",
                                   postcode: "SS14 1DL", nhs: "401 023 2137")
        let assignment = try index.resolve(twin)
        #expect(assignment.personID != index.personID(ofRecord: "a1"))

    }

    @Test func cannotLinkBlocksALaterMustLink() async throws {
        let (_, index) = try await seeded()
        #expect(index.apply(ReviewerDecision("d1", "e1", .differentPeople)))
        #expect(!index.apply(ReviewerDecision("e1", "d1", .samePerson)))
        #expect(index.personID(ofRecord: "d1") != index.personID(ofRecord: "e1"))
        #expect(!index.apply(ReviewerDecision("d1", "nobody", .samePerson)))
    }

    @Test func mustLinkMergesPeopleInTheIndex() async throws {
        let (_, index) = try await seeded()
        let d = try #require(index.personID(ofRecord: "d1"))
        #expect(index.apply(ReviewerDecision("d1", "e1", .samePerson)))
        #expect(index.personID(ofRecord: "e1") == d)
        #expect(Set(index.records(ofPerson: d)) == ["d1", "e1"])
    }

    @Test func sharedIndexSerialisesCalls() async throws {
        let (_, index) = try await seeded()
        let shared = SharedLinkageIndex(index)
        let assignment = try await shared.resolve(Fixtures.record("s1", "Margaret", "Hale", dob: "1961-02-03",
                                                                  address: "7 Orchard Close", postcode: "CM2 9XY"))
        #expect(await shared.personID(ofRecord: "b1") == assignment.personID)
        #expect(await shared.recordCount == Fixtures.people.count + 1)
    }
}
