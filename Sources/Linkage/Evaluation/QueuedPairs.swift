/// The pairs a run left in the review queue, each with whether it is truly one person and
/// the rule that held it: what a review load is made of.
///
/// Use it on synthetic data with ground truth (`lantern bench link --show-review`) to see
/// which kind of pair fills the queue (one person whose records differ, twins, a record
/// that fits two people) before changing the rule that holds it. Contract: `find` lists
/// every pair of `LinkageResult.reviewQueue` exactly once, in queue order; a pair whose
/// records have no ground truth counts as two people.
public struct QueuedPair: Sendable {
    public let pair: ScoredPair
    /// Both records belong to one true person.
    public let isOnePerson: Bool
    /// The run's reason for holding the pair, as `--show-missed` words it.
    public let reason: String

    /// Field levels that say how the two records differ, as `MissedPair.shape`.
    public var shape: String { MissedPair.shape(of: pair.pattern) }

    /// A coarse kind of evidence for tallying: which of given name and date of birth each
    /// side lacks, and how the two present ones compare.
    public var evidence: String {
        let p = pair.pattern
        let given = p.level(of: .givenName), date = p.level(of: .dateOfBirth)
        let givenWords = given == 0 ? "given name missing" : given == 1 ? "same given name"
            : given == 6 ? "different given name" : "given name alike"
        let dateWords = date == 0 ? "date of birth missing" : date == 1 ? "same date of birth"
            : date <= 3 ? "date of birth nearly the same" : "date of birth differs"
        let address = p.level(of: .address)
        let addressWords = address == 0 ? "address missing" : address == 1 ? "same address"
            : address <= 3 ? "same postcode or street" : "address differs"
        return givenWords + ", " + dateWords + ", " + addressWords
    }
}

public enum QueuedPairs {
    /// Every pair of the review queue, given record id -> true person id.
    public static func find(in result: LinkageResult, truth: [String: String]) -> [QueuedPair] {
        var out: [QueuedPair] = []
        for (k, pair) in result.pairs.enumerated() where result.outcomes[k].decision == .review
            && result.personOfRecord[pair.first] != result.personOfRecord[pair.second] {
            let a = truth[result.recordIDs[pair.first]], b = truth[result.recordIDs[pair.second]]
            out.append(QueuedPair(pair: pair, isOnePerson: a != nil && a == b,
                                  reason: MissedPairs.describe(result.outcomes[k])))
        }
        return out
    }

    /// Count of pairs by key, largest first (ties by key, so the order is stable).
    public static func tally(_ pairs: [QueuedPair], by key: (QueuedPair) -> String) -> [(key: String, count: Int)] {
        var counts: [String: Int] = [:]
        for pair in pairs { counts[key(pair), default: 0] += 1 }
        return counts.map { (key: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }
}
