/// What a linkage run did, in numbers: records and unusable fields, candidate pairs per
/// blocking rule, capped blocks, training, decisions and clustering refusals.
///
/// Print it after a batch run or store it with the run. Contract: counts only, no
/// personal data; `stageNanoseconds` is filled only when the caller passed a clock.
public struct LinkageSummary: Codable, Sendable, Equatable {
    public var records = 0
    public var fieldQuality = FieldQuality()
    /// Pairs inside each rule's blocks before removing pairs an earlier rule found.
    public var proposedPairsByRule: [String: Int] = [:]
    /// Pairs each rule added that no earlier rule had found.
    public var newPairsByRule: [String: Int] = [:]
    public var candidatePairs = 0
    public var cappedBlocks: [CappedBlock] = []
    public var warnings: [String] = []
    public var randomPairsSampled = 0
    /// Random pairs that agreed exactly on each field (by `ComparisonField` raw value).
    /// Where agreement is rare (an address, among millions) a handful or none is seen, and
    /// that u, so the field's weight, moves from run to run with the sample: compare more
    /// pairs (`LinkageSettings.randomPairSampleSize`) before trusting small differences.
    public var randomPairsAgreeing: [Int] = []
    /// Pairs drawn inside full postcodes, with dates of birth that say two people, from which
    /// the address's same-postcode levels of u came (0 when the random pairs gave them).
    public var samePostcodePairsConsidered = 0
    /// Of those, the pairs at one address.
    public var samePostcodePairsSameAddress = 0
    /// EM iterations of each training session, by rule.
    public var emIterations: [String: Int] = [:]
    /// Share of matches EM found among each training rule's pairs.
    public var emMatchShare: [String: Double] = [:]
    /// Whether date of birth's match probabilities came from pairs sharing an NHS number
    /// (the identifier training session) rather than from the name and place sessions.
    public var personFieldsTaughtByIdentifiers = false
    public var modelWasTrained = false
    /// Review pairs raised because another member of the household moved between the same
    /// two homes, and the evidence's estimated weight (`HouseholdMoves`).
    public var pairsRaisedByHouseholdMoves = 0
    public var householdMoveWeight = 0.0
    /// Confident links across two homes, and how many another member's link corroborates (m).
    public var householdMoveLinks = 0
    public var householdMoveCorroborated = 0
    public var pairsAutoLinked = 0
    /// Pairs left in the review queue (held or uncertain, records in different people).
    public var pairsForReview = 0
    /// Pairs the cannot-link rule (or a reviewer) decided are different people.
    public var pairsDecidedDifferentPeople = 0
    public var people = 0
    public var mergesRefusedForIdentifiers = 0
    public var mergesRefusedForReviewer = 0
    public var mergesRefusedForConsistency = 0
    public var reviewerDecisionsApplied = 0
    public var reviewerDecisionsIgnored = 0
    public var reviewerConflicts = 0
    public var stageNanoseconds: [String: UInt64] = [:]

    public init() {}

    /// One line on household moves for a run's printed report.
    public var householdMoveReport: String {
        let links = "\(householdMoveCorroborated) of \(householdMoveLinks) confident links across two homes have another member of the household linked between them"
        guard householdMoveWeight > 0 else { return "household moves: no pair raised (\(links))" }
        return "household moves: \(pairsRaisedByHouseholdMoves) pairs with one date of birth raised up to "
            + String(format: "%.1f", householdMoveWeight) + " bits (\(links))"
    }

    /// Review queue length per 1,000 records.
    public var reviewLoadPerThousandRecords: Double {
        records == 0 ? 0 : Double(pairsForReview) * 1_000 / Double(records)
    }
}

/// A problem that stops linkage, with a stable code to match on.
///
/// Contract: thrown only for input that cannot give a meaningful answer (two records with
/// one record id); messy field values never throw.
public struct LinkageError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case duplicateRecordID = "linkage.duplicate-record-id"
        case unknownRecordID = "linkage.unknown-record-id"
    }

    public var code: Code
    public var recordID: String

    public var description: String {
        switch code {
        case .duplicateRecordID: "record id \"\(recordID.prefix(64))\" appears more than once"
        case .unknownRecordID: "record id \"\(recordID.prefix(64))\" is not known"
        }
    }
}
