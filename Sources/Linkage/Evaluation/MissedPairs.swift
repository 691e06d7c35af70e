/// True pairs a run left in two people, each with the reason it was not linked: what a
/// recall problem is made of.
///
/// Use it on synthetic data with ground truth (`lantern bench link --show-missed`) to see
/// whether misses come from blocking, scoring or the cannot-link and ambiguity rules before
/// changing any of them. Contract: `find` lists every unordered pair of records that share
/// a true person but not a predicted one, each exactly once; `reason` is the fate of that
/// pair itself (a pair the run never kept is scored again under the run's model to say
/// whether it fell below the review threshold or was never proposed by a blocking rule).
public struct MissedPair: Sendable {
    public let first: Int
    public let second: Int
    public let reason: String
    /// The pair scored under the run's model.
    public let pair: ScoredPair

    /// Field levels that say how the two records differ, e.g. "given 6 family 1 dob 1
    /// address 1"; missing fields show as 0.
    public var shape: String { Self.shape(of: pair.pattern) }

    static func shape(of p: ComparisonPattern) -> String {
        "given \(p.level(of: .givenName)) family \(p.level(of: .familyName)) dob \(p.level(of: .dateOfBirth)) "
            + "sex \(p.level(of: .sex)) address \(p.level(of: .address)) phone \(p.level(of: .phone)) "
            + "source \(p.level(of: .source))"
    }
}

public enum MissedPairs {
    /// Every missed true pair of `result`, given record id -> true person id.
    public static func find(in result: LinkageResult, truth: [String: String]) -> [MissedPair] {
        var recordsOf: [String: [Int]] = [:]
        for (i, id) in result.recordIDs.enumerated() {
            guard let person = truth[id] else { continue }
            recordsOf[person, default: []].append(i)
        }
        var missed: [(Int, Int)] = []
        for records in recordsOf.values where records.count > 1 {
            for x in records.indices {
                for y in (x + 1)..<records.count
                where result.personOfRecord[records[x]] != result.personOfRecord[records[y]] {
                    missed.append((min(records[x], records[y]), max(records[x], records[y])))
                }
            }
        }
        missed.sort { $0 < $1 }
        guard !missed.isEmpty else { return [] }

        var kept: [UInt64: Int] = [:]
        let wanted = Set(missed.map { UInt64($0.0) << 32 | UInt64($0.1) })
        for (k, pair) in result.pairs.enumerated() {
            let key = UInt64(pair.first) << 32 | UInt64(pair.second)
            if wanted.contains(key) { kept[key] = k }
        }
        let scorer = PairScorer(model: result.model, records: result.standardised)
        let rules = result.settings.blockingRules
        return missed.map { i, j in
            if let k = kept[UInt64(i) << 32 | UInt64(j)] {
                return MissedPair(first: i, second: j, reason: describe(result.outcomes[k]), pair: result.pairs[k])
            }
            let pair = scorer.score(i, j)
            let blocked = rules.contains { rule in
                let key = rule.key(result.standardised, i)
                return key != 0 && key == rule.key(result.standardised, j)
            }
            let band = pair.weight >= result.settings.autoLinkWeight ? "would auto-link"
                : pair.weight >= result.settings.reviewWeight ? "would go to review" : "below review"
            let reason = blocked
                ? (pair.weight >= result.settings.reviewWeight ? "not compared: its block was split or skipped (\(band))"
                   : "compared, scored below the review threshold")
                : "not a candidate: no blocking key shared (\(band))"
            return MissedPair(first: i, second: j, reason: reason, pair: pair)
        }
    }

    static func describe(_ outcome: PairOutcome) -> String {
        let decision: String = switch outcome.decision {
        case .autoLink: "linked"
        case .review: "review"
        case .differentPeople: "decided different people"
        case .nonMatch: "non-match"
        }
        guard let reason = outcome.reason else { return decision }
        let why: String = switch reason {
        case .uncertain: "scored between review and auto-link"
        case .personEvidenceConflicts(let c): "cannot-link, \(c.description)"
        case .conflictNotConfirmed(let c): "one-field conflict not confirmed (\(c.description))"
        case .identifiersDiffer: "identifiers differ"
        case .reviewerSaidDifferent: "reviewer said different"
        case .fitsTwoPeople(let c): c.isEmpty ? "fits two people (not found to be one)" : "fits two people (\(c.description))"
        case .wouldJoinADifferentPerson(let c): "would join a different person (\(c.description))"
        case .samePartnerRecordsDiffer: "would join one partner's records that differ"
        case .theirPeopleDiffer(let c): c.isEmpty ? "their people's identifiers differ" : "their people differ (\(c.description))"
        }
        return decision + ": " + why
    }
}
