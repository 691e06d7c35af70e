import Testing
@testable import Linkage

/// What keeps the review queue to the truly uncertain pairs: a conflict each side's
/// records confirm is decided.
@Suite("Review queue")
struct ReviewQueueTests {
    /// A father and son of one name at one address, each known to two partners.
    static func fatherAndSon(sonsSecondPartner: String? = "harrowmere-police") -> [LinkageRecord] {
        func thomas(_ id: String, _ dob: String, _ source: String) -> LinkageRecord {
            Fixtures.record(id, "Thomas", "Alderson", dob: dob, sex: "M", address: "4 Temperley Street",
                            postcode: "SS14 1DL", source: source)
        }
        var records = [
            thomas("f1", "1960-04-11", "harrowmere-council"), thomas("f2", "11/04/1960", "harrowmere-health"),
            thomas("s1", "1988-09-02", "harrowmere-schools"),
        ]
        if let sonsSecondPartner { records.append(thomas("s2", "1988-09-02", sonsSecondPartner)) }
        return records
    }

    static func outcome(_ result: LinkageResult, _ x: String, _ y: String) -> PairOutcome? {
        result.pairs.first { Set([result.recordIDs[$0.first], result.recordIDs[$0.second]]) == [x, y] }
            .flatMap { result.outcome(for: $0) }
    }

    /// Each birthday written the same by two partners is two facts, not one slip: the
    /// pairs across the two are decided by the cannot-link rule and leave the queue.
    @Test func aConflictTwoPartnersWriteTheSameWayOnEachSideIsDecided() async throws {
        // The untrained model learns nothing about one partner's two ids, so only the
        // second partner's record can decide here.
        let result = try await Fixtures.run(Self.fatherAndSon(), model: .untrained)
        #expect(Fixtures.samePerson(result, "f1", "f2"))
        #expect(Fixtures.samePerson(result, "s1", "s2"))
        #expect(!Fixtures.samePerson(result, "f1", "s1"))
        for (a, b) in [("f1", "s1"), ("f1", "s2"), ("f2", "s1"), ("f2", "s2")] {
            let outcome = try #require(Self.outcome(result, a, b))
            #expect(outcome.decision == .differentPeople)
            #expect(outcome.reason == .personEvidenceConflicts(.dateOfBirth))
        }
        #expect(result.reviewQueue.isEmpty)
    }

    /// One side's birthday written once may be the other's mistyped: still review.
    @Test func aConflictOnlyOneSideConfirmsStaysForReview() async throws {
        for records in [Self.fatherAndSon(sonsSecondPartner: nil), Self.fatherAndSon(sonsSecondPartner: "harrowmere-schools")] {
            let result = try await Fixtures.run(records, model: .untrained)
            #expect(!Fixtures.samePerson(result, "f1", "s1"))
            let outcome = try #require(Self.outcome(result, "f1", "s1"))
            #expect(outcome.reason == .conflictNotConfirmed(.dateOfBirth))
            #expect(!result.reviewQueue.isEmpty)
        }
    }

    /// The bench's tally of the queue: every queued pair once, with its truth and rule.
    @Test func theQueueIsTalliedByTruthAndRule() async throws {
        let result = try await Fixtures.run(Self.fatherAndSon(sonsSecondPartner: nil), model: .untrained)
        let truth = ["f1": "F", "f2": "F", "s1": "S"]
        let queued = QueuedPairs.find(in: result, truth: truth)
        #expect(queued.count == result.reviewQueue.count)
        #expect(queued.allSatisfy { !$0.isOnePerson })
        let tally = QueuedPairs.tally(queued) { $0.reason }
        #expect(tally.map(\.count).reduce(0, +) == queued.count)
        #expect(tally.first?.key == "review: one-field conflict not confirmed (dates of birth far apart)")
        #expect(queued.first?.evidence == "same given name, date of birth differs, same address")
    }
}
