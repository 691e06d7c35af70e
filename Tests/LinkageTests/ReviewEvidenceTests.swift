import Testing
@testable import Linkage

@Suite("Review queue and evidence")
struct ReviewEvidenceTests {
    @Test func aHeldPairShowsTheRuleAndTheFieldsSideBySide() async throws {
        let result = try await Fixtures.run(CannotLinkTests.twinsAndABridge(), model: .untrained)
        let pair = try #require(result.reviewQueue.first)
        let evidence = result.reviewEvidence(for: pair)
        #expect(evidence.decision == .review)
        #expect(evidence.stoppedBy?.contains("fits two people") == true)
        #expect(evidence.stoppedBy?.contains("different given name") == true)
        #expect(evidence.agreeing.contains(.dateOfBirth))
        #expect(evidence.fields.first { $0.field == .givenName }?.agreement == .missing)
        #expect(evidence.fields.count == ComparisonField.allCases.count)
        #expect(evidence.probabilityText == "more than 99.99%")
    }

    @Test func reviewLoadAndRecallIncludingReviewAreReported() async throws {
        let records = CannotLinkTests.twinsAndABridge()
        let result = try await Fixtures.run(records, model: .untrained)
        #expect(result.summary.pairsForReview == result.reviewQueue.count)
        #expect(result.reviewLoadPerThousandRecords == Double(result.reviewQueue.count) * 1_000 / Double(records.count))
        let truth = ["s1": "S", "s2": "S", "m1": "M", "x1": "M"]
        let linked = LinkageEvaluation(result: result, truth: truth)
        let withReview = LinkageEvaluation(result: result, truth: truth, acceptingReview: true)
        #expect(linked.recall < 1)
        #expect(withReview.recall == 1, "accepting the held pairs joins x1 to Megan")
    }

    @Test func theIndexHoldsARecordThatFitsTwoPeople() async throws {
        let records = CannotLinkTests.twinsAndABridge()
        let batch = try await Fixtures.run(Array(records.prefix(3)), model: .untrained)
        let index = LinkageIndex(result: batch)
        let assignment = try index.resolve(records[3])
        #expect(assignment.isNewPerson)
        #expect(assignment.reviewCandidates.count == 2)
        #expect(assignment.reviewCandidates.allSatisfy { $0.reason == .fitsTwoPeople(.givenName) })
    }
}
