import Testing
@testable import Linkage

/// What keeps the review queue to the truly uncertain pairs: a conflict each partner's
/// records confirm is decided, and the same-home weight is counted over every pair.
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

    /// Known answer: 1,000 candidate pairs at one home among 10^8 pairs, half of them with
    /// an address on both sides; the run's 1,000 matches put 300 there (m = 0.6), so 700
    /// of 49,999,500 pairs of different people share a home.
    @Test func theSameHomeIsCountedOverEveryPair() {
        let records = StandardisedRecords([Fixtures.record("a", "Ann", "Lee", postcode: "SS14 1DL")])
        let blocks = CandidateBlocks(records: records, rules: [.uprn, .houseAndPostcode], maximumBlockSize: 300)
        let home = ComparisonPattern(levels: [1, 1, 1, 1, 1, 0, 0, 0, 0, 2]).code
        let elsewhere = ComparisonPattern(levels: [1, 1, 1, 1, 6, 0, 0, 0, 0, 2]).code
        var model = LinkageModel.untrained
        model.priorMatchProbability = 1e-5
        model.fields[ComparisonField.address.rawValue].m[1] = 0.6
        let counts = [(pattern: home, count: 1_000.0), (pattern: elsewhere, count: 500.0)]
        let u = ModelTrainer.uCountedOverAllPairs(.address, level: 1, gathering: [.uprn, .houseAndPostcode], blocks: blocks,
                                                  allCounts: counts, allPairs: 1e8, presentShare: 0.5, model: model)
        #expect(abs((u ?? 0) - 700 / 49_999_500) < 1e-12)
        // A gathering rule left out of the run: the candidates need not hold every such pair.
        #expect(ModelTrainer.uCountedOverAllPairs(.address, level: 1, gathering: [.uprn, .phone], blocks: blocks,
                                                  allCounts: counts, allPairs: 1e8, presentShare: 0.5, model: model) == nil)
        // Nothing left once the matches are taken off: too few records to say.
        model.priorMatchProbability = 1e-4
        #expect(ModelTrainer.uCountedOverAllPairs(.address, level: 1, gathering: [.uprn, .houseAndPostcode], blocks: blocks,
                                                  allCounts: counts, allPairs: 1e8, presentShare: 0.5, model: model) == nil)
        var row = LinkageModel.untrained.fields[ComparisonField.address.rawValue].u
        ModelTrainer.replace(&row, level: 1, with: 1.4e-5)
        #expect(row[1] == 1.4e-5)
        #expect(abs(row.dropFirst().reduce(0, +) - 1) < 1e-9)
    }
}
