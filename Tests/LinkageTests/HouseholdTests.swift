import Testing
@testable import Linkage

@Suite("Households")
struct HouseholdTests {
    @Test func overlappingEpisodesAtOneAddressMakeAHousehold() {
        let episodes = [
            AddressEpisode(personID: 1, uprn: "100091234567", from: "2019-06-01"),
            AddressEpisode(personID: 2, addressLine: "12 Mill Rd", postcode: "SS14 1DL", from: "2020-01-01", to: "2022-01-01"),
            AddressEpisode(personID: 2, uprn: "100091234567", from: "2020-01-01"),
            AddressEpisode(personID: 3, addressLine: "12 Mill Road", postcode: "ss141dl", from: "2021-05-01"),
            AddressEpisode(personID: 4, uprn: "100091234567", from: "2001-01-01", to: "2005-01-01"),
        ]
        let grouping = HouseholdGrouper.group(episodes: episodes)
        let household = grouping.households.first { $0.members.contains(1) }
        #expect(household?.members == [1, 2, 3])
        #expect(grouping.households.contains { $0.members == [4] })
        #expect(household?.evidence.contains {
            if case .sharedAddress(2, 3, _, "2021-05-01", "2022-01-01") = $0 { return true }
            return false
        } == true)
    }

    @Test func declaredRelationshipsJoinPeopleWithoutAnAddress() {
        let grouping = HouseholdGrouper.group(
            episodes: [], relationships: [DeclaredRelationship(personID: 7, relatedPersonID: 8, kind: .parent)])
        #expect(grouping.households.count == 1)
        #expect(grouping.households[0].members == [7, 8])
        #expect(grouping.households[0].evidence == [.declared(DeclaredRelationship(personID: 7, relatedPersonID: 8, kind: .parent))])
    }

    @Test func crowdedAddressesAreCommunalNotHouseholds() {
        let episodes = (0..<20).map { AddressEpisode(personID: $0, uprn: "55", from: "2024-01-01") }
        let grouping = HouseholdGrouper.group(episodes: episodes, maximumHouseholdSize: 12)
        #expect(grouping.communalAddresses == ["uprn:55"])
        #expect(grouping.households.count == 20)
    }

    @Test func unusableAddressesAreIgnored() {
        let episodes = [AddressEpisode(personID: 1, addressLine: "somewhere"), AddressEpisode(personID: 2, addressLine: "somewhere")]
        #expect(HouseholdGrouper.group(episodes: episodes).households.count == 2)
    }
}

@Suite("Evaluation")
struct EvaluationTests {
    @Test func knownAnswers() {
        // Truth: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}.
        let evaluation = LinkageEvaluation(predicted: [0, 0, 1, 1, 1], truth: ["a", "a", "a", "b", "b"])
        #expect(evaluation.truePairs == 4)
        #expect(evaluation.predictedPairs == 4)
        #expect(evaluation.correctPairs == 2)
        #expect(evaluation.precision == 0.5)
        #expect(evaluation.recall == 0.5)
        #expect(evaluation.f1 == 0.5)
        #expect(abs(evaluation.purity - 0.8) < 1e-9)
    }

    @Test func nothingToFindIsPerfect() {
        let evaluation = LinkageEvaluation(predicted: [0, 1, 2], truth: [5, 6, 7])
        #expect(evaluation.precision == 1 && evaluation.recall == 1 && evaluation.purity == 1)
    }
}
