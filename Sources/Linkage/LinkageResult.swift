/// The outcome of a batch linkage run: scored pairs, people, the trained model and a summary.
///
/// Contract: `personOfRecord[i]` is the person number of input record `i` (numbers run
/// from 0 in order of each person's first record, so they are stable for unchanged input);
/// `pairs` holds every candidate pair at or above the review threshold, strongest first.
public struct LinkageResult: Sendable {
    public let recordIDs: [String]
    public let pairs: [ScoredPair]
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
        if pair.weight >= settings.autoLinkWeight {
            return settings.autoLinkNeedsPersonAgreement && pair.hasPersonConflict ? .review : .autoLink
        }
        if pair.weight >= settings.reviewWeight { return .review }
        return .nonMatch
    }

    /// Pairs in the clerical review band whose records did not end up in one person.
    public var reviewQueue: [ScoredPair] {
        pairs.filter { decision(for: $0) == .review && personOfRecord[$0.first] != personOfRecord[$0.second] }
    }

    public func explanation(for pair: ScoredPair) -> MatchExplanation {
        MatchExplanation(pair: pair, model: model)
    }
}
