import Foundation
import Testing
@testable import Linkage

@Suite("Batch linkage")
struct LinkageRunTests {
    @Test func linksVariantRecordsOfOnePersonAndKeepsOthersApart() async throws {
        let result = try await Fixtures.run(Fixtures.people)
        #expect(Fixtures.samePerson(result, "a1", "a2"))
        #expect(Fixtures.samePerson(result, "a1", "a3"))
        #expect(Fixtures.samePerson(result, "b1", "b2"))
        #expect(Fixtures.samePerson(result, "c1", "c2"))
        #expect(!Fixtures.samePerson(result, "a1", "d1"))
        #expect(!Fixtures.samePerson(result, "d1", "e1"))
        let evaluation = LinkageEvaluation(result: result, truth: Fixtures.truth)
        #expect(evaluation.precision == 1)
        #expect(evaluation.recall == 1)
        #expect(result.personCount == 5)
    }

    @Test func explainsInPractitionerWords() async throws {
        let result = try await Fixtures.run(Fixtures.people)
        let pair = try #require(result.pairs.first { result.recordIDs[$0.first] == "a1" && result.recordIDs[$0.second] == "a2" })
        let explanation = result.explanation(for: pair)
        let text = explanation.lines.joined(separator: "; ")
        #expect(text.contains("same date of birth +"))
        #expect(text.contains("nickname"))
        let total = explanation.contributions.reduce(0) { $0 + $1.weight }
        #expect(abs(total - pair.weight) < 0.01)
    }

    @Test func neverMergesConflictingNHSNumbers() async throws {
        // Twins-like records: everything agrees except two valid, different NHS numbers.
        let records = [
            Fixtures.record("x1", "Sam", "Carter", dob: "2001-01-01", address: "5 Park Lane", postcode: "SS14 1DL", nhs: "943 476 5919"),
            Fixtures.record("x2", "Sam", "Carter", dob: "2001-01-01", address: "5 Park Lane", postcode: "SS14 1DL", nhs: "401 023 2137"),
            Fixtures.record("x3", "Sam", "Carter", dob: "2001-01-01", address: "5 Park Lane", postcode: "SS14 1DL"),
        ]
        let result = try await Fixtures.run(records)
        #expect(!Fixtures.samePerson(result, "x1", "x2"))
        #expect(result.summary.mergesRefusedForIdentifiers + result.summary.pairsForReview >= 1)
    }

    @Test func respectsCannotLinkEvenAgainstStrongEvidence() async throws {
        let decisions = [ReviewerDecision("a1", "a2", .differentPeople)]
        let result = try await Fixtures.run(Fixtures.people, decisions: decisions)
        #expect(!Fixtures.samePerson(result, "a1", "a2"))
        #expect(result.summary.reviewerDecisionsApplied == 1)
    }

    @Test func respectsMustLinkAndIgnoresUnknownIDs() async throws {
        let decisions = [ReviewerDecision("d1", "e1", .samePerson), ReviewerDecision("d1", "nobody", .samePerson)]
        let result = try await Fixtures.run(Fixtures.people, decisions: decisions)
        #expect(Fixtures.samePerson(result, "d1", "e1"))
        #expect(result.summary.reviewerDecisionsIgnored == 1)
    }

    @Test func cannotLinkWinsOverMustLink() async throws {
        let decisions = [ReviewerDecision("d1", "e1", .samePerson), ReviewerDecision("e1", "d1", .differentPeople)]
        let result = try await Fixtures.run(Fixtures.people, decisions: decisions)
        #expect(!Fixtures.samePerson(result, "d1", "e1"))
        #expect(result.summary.reviewerConflicts == 1)
    }

    @Test func trainedModelIsCodableAndReusable() async throws {
        let first = try await Fixtures.run(Fixtures.people)
        let data = try JSONEncoder().encode(first.model)
        let model = try JSONDecoder().decode(LinkageModel.self, from: data)
        #expect(model == first.model)
        let second = try await Fixtures.run(Fixtures.people, model: model)
        #expect(second.personOfRecord == first.personOfRecord)
        #expect(!second.summary.modelWasTrained)
    }

    @Test func countsPairsPerBlockingRule() async throws {
        let result = try await Fixtures.run(Fixtures.people)
        #expect(result.summary.proposedPairsByRule["date-of-birth"] ?? 0 >= 2)
        let newPairs = result.summary.newPairsByRule.values.reduce(0, +)
        #expect(newPairs == result.summary.candidatePairs)
    }

    @Test func capsHugeBlocksWithAWarning() async throws {
        var settings = LinkageSettings()
        settings.maximumBlockSize = 3
        // One date of birth and one given name: splitting by given name cannot shrink it.
        let records = (0..<6).map { Fixtures.record("s\($0)", "Alex", "Family\($0)", dob: "1990-01-01") }
        let result = try await Fixtures.run(records, settings: settings)
        #expect(result.summary.cappedBlocks.contains { $0.rule == .dateOfBirth && $0.size == 6 })
        #expect(!result.summary.warnings.isEmpty)
    }

    @Test func splitsLargeBlocksByASecondKeyInsteadOfDroppingThem() async throws {
        var settings = LinkageSettings()
        settings.maximumBlockSize = 6
        settings.refineBlocksAbove = 3
        let given = ["Ann", "Ann", "Ben", "Ben", "Cat", "Cat"]
        let records = given.enumerated().map { Fixtures.record("s\($0.offset)", $0.element, "Family\($0.offset)", dob: "1990-01-01") }
        let result = try await Fixtures.run(records, settings: settings)
        #expect(!result.summary.cappedBlocks.contains { $0.rule == .dateOfBirth })
        // Three parts of two, not one block of six (fifteen pairs).
        #expect(result.summary.proposedPairsByRule["date-of-birth"] == 3)
    }
}


@Suite("Blocking plan and recall by slice")
struct PlanTests {
    @Test func planMatchesTheRunsCounts() async throws {
        let plan = await BlockingPlan.make(records: Fixtures.people)
        let result = try await Fixtures.run(Fixtures.people)
        #expect(plan.proposedPairsByRule == result.summary.proposedPairsByRule)
        #expect(plan.records == Fixtures.people.count)
        #expect(plan.proposedPairs >= result.summary.candidatePairs)
    }

    @Test func recallOfASlice() async throws {
        let result = try await Fixtures.run(Fixtures.people)
        #expect(LinkageEvaluation.recall(of: [("a1", "a2"), ("b1", "b2")], in: result) == 1)
        #expect(LinkageEvaluation.recall(of: [("a1", "d1"), ("a1", "nobody")], in: result) == 0)
    }
}
