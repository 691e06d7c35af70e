import Testing
@testable import Linkage

@Suite("Uncertain pairs between people who already conflict")
struct ConflictingPeopleTests {
    /// Two Claire Smiths with one date of birth, each already linked to a record holding her
    /// NHS number, and the two numbers differ. A pair between them scored uncertain is decided
    /// different people, with the reason; scored strong, the evidence disagrees and it waits
    /// for review; without the numbers, it stays uncertain in the queue.
    @Test func anUncertainPairBetweenPeopleWithDifferentNHSNumbersIsDecidedDifferent() throws {
        func claire(_ id: String, home: String, nhs: String?) -> LinkageRecord {
            Fixtures.record(id, "Claire", "Smith", dob: "1984-08-13", sex: "F", address: "\(home) Willow Grove",
                            postcode: "SS14 1DL", nhs: nhs)
        }
        for withNumbers in [true, false] {
            let records = [claire("p1", home: "25", nhs: withNumbers ? "943 476 5919" : nil), claire("p2", home: "25", nhs: nil),
                           claire("q1", home: "7", nhs: withNumbers ? "401 023 2137" : nil), claire("q2", home: "7", nhs: nil)]
            for (weight, expected) in [(3.0, withNumbers ? PairOutcome(decision: .differentPeople, reason: .theirPeopleDiffer([]))
                                                         : PairOutcome(decision: .review, reason: .uncertain)),
                                       (20.0, withNumbers ? PairOutcome(decision: .review, reason: .wouldJoinADifferentPerson([]))
                                                          : PairOutcome.autoLink)] {
                let (outcomes, people) = Fixtures.clustered(records, [(0, 1, 30), (2, 3, 30), (1, 3, weight)])
                #expect(outcomes[2] == expected, "numbers \(withNumbers), weight \(weight)")
                #expect(people[0] == people[1] && people[2] == people[3])
                #expect((people[0] == people[2]) == (!withNumbers && weight >= 5))
            }
        }
        let reason = PairOutcome.Reason.theirPeopleDiffer([])
        #expect(reason.description.contains("different NHS or CRO numbers"))
        #expect(reason.description.hasPrefix("cannot-link rule"))
    }
}
