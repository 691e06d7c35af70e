/// The outcome of a batch linkage run: scored pairs, people, the trained model and a summary.
///
/// Contract: `personOfRecord[i]` is the person number of input record `i` (numbers run
/// from 0 in order of each person's first record, so they are stable for unchanged input);
/// `pairs` holds every candidate pair at or above the review threshold, strongest first,
/// and `outcomes[k]` is what the run decided about `pairs[k]` and why.
public struct LinkageResult: Sendable {
    public let recordIDs: [String]
    public let pairs: [ScoredPair]
    public let outcomes: [PairOutcome]
    public let personOfRecord: [Int]
    public let personCount: Int
    public let model: LinkageModel
    public let settings: LinkageSettings
    public let summary: LinkageSummary
    /// The run's standardised records, kept so that an index can be built without redoing them.
    let standardised: StandardisedRecords

    /// Record id -> person number.
    public var clusters: [String: Int] {
        var out: [String: Int] = [:]
        out.reserveCapacity(recordIDs.count)
        for (index, id) in recordIDs.enumerated() { out[id] = personOfRecord[index] }
        return out
    }

    /// Record indices of each person, indexed by person number.
    public var people: [[Int]] {
        var out = [[Int]](repeating: [], count: personCount)
        for (record, person) in personOfRecord.enumerated() { out[person].append(record) }
        return out
    }

    public func decision(for pair: ScoredPair) -> MatchDecision {
        outcome(for: pair)?.decision ?? .nonMatch
    }

    /// The run's outcome for a pair it scored (nil for a pair it did not keep). Pairs are
    /// sorted strongest first, then by record, so this is a binary search.
    public func outcome(for pair: ScoredPair) -> PairOutcome? {
        func before(_ x: ScoredPair, _ y: ScoredPair) -> Bool {
            x.weight != y.weight ? x.weight > y.weight : (x.first, x.second) < (y.first, y.second)
        }
        var lo = 0, hi = pairs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(pairs[mid], pair) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < pairs.count, pairs[lo].first == pair.first, pairs[lo].second == pair.second else { return nil }
        return outcomes[lo]
    }

    /// Pairs left for a reviewer: held by a rule or in the uncertain band, and whose records
    /// did not end up in one person. Pairs the cannot-link rule decided are not here.
    public var reviewQueue: [ScoredPair] {
        pairs.indices.filter { k in
            outcomes[k].decision == .review && personOfRecord[pairs[k].first] != personOfRecord[pairs[k].second]
        }.map { pairs[$0] }
    }

    /// Pairs the cannot-link rule decided are different people, each with its rule: kept
    /// apart from the queue so that a reviewer can still see and overturn them. Pairs a
    /// reviewer already ruled on are not here.
    public var ruledDifferent: [(pair: ScoredPair, reason: PairOutcome.Reason)] {
        pairs.indices.compactMap { k in
            guard outcomes[k].decision == .differentPeople, let reason = outcomes[k].reason,
                  reason != .reviewerSaidDifferent else { return nil }
            return (pairs[k], reason)
        }
    }

    /// Review queue length per 1,000 records, the figure a team plans review time by.
    public var reviewLoadPerThousandRecords: Double {
        recordIDs.isEmpty ? 0 : Double(summary.pairsForReview) * 1_000 / Double(recordIDs.count)
    }

    /// What a reviewer needs to see for one pair: fields that agree and differ, the rule
    /// that stopped an automatic link, and the probability in words.
    public func reviewEvidence(for pair: ScoredPair) -> ReviewEvidence {
        ReviewEvidence(pair: pair, outcome: outcome(for: pair) ?? PairOutcome(decision: .nonMatch), model: model)
    }

    public func explanation(for pair: ScoredPair) -> MatchExplanation {
        MatchExplanation(pair: pair, model: model)
    }
}
