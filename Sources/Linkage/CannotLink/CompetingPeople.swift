import Foundation

/// Whether a record that fits two people who cannot be one fits one of them clearly enough
/// to join it.
///
/// Why: a record with no date of birth at the home of a father and son of one name, or of a
/// mother and a daughter named after her, links to both. It is at most one of them, so its
/// evidence for each is a competing hypothesis, not a separate question: with match odds
/// `oA = 2^wA` for the stronger and `oB` for the best rival, the probability that it is the
/// stronger one is `oA / (1 + oA + oB)` (it may also be neither), which must reach the
/// auto-link probability. That alone trusts evidence a household shares: the record of the
/// son that carries the family's phone or address agrees with the father's records on it
/// as readily as with the son's. So the odds between the two must also reach the auto-link
/// odds on personal evidence alone (the agreement levels of given and middle names, sex,
/// date of birth, email, NHS and CRO numbers and which partner holds it), leaving out
/// surname, address and phone. Otherwise (twins whose records differ only by the given name
/// the record lacks, two people equally alike) it joins neither, as before. The margins are
/// the run's own auto-link threshold applied to the run's own EM weights: nothing is tuned.
/// Contract: never true when the rival is at least as strong; true only if `best` alone
/// would auto-link.
enum CompetingPeople {
    static func clearlyFits(best: ScoredPair, rival: ScoredPair, model: LinkageModel?, autoLinkWeight: Double) -> Bool {
        guard best.weight > rival.weight, best.weight - log2(1 + exp2(rival.weight)) >= autoLinkWeight else { return false }
        guard let model else { return true }
        return personalEvidence(best, model) - personalEvidence(rival, model) >= autoLinkWeight
    }

    /// Fields a household does not share, as the model weighs them for this pair.
    static let personalFields: [ComparisonField] = [.givenName, .dateOfBirth, .sex, .email, .nhsNumber, .croNumber, .source]

    /// Level weights only: a name's frequency among people born the same year is counted
    /// from the run's own records, and in a small family of records it can make a nickname
    /// outweigh the very name a twin was given.
    static func personalEvidence(_ pair: ScoredPair, _ model: LinkageModel) -> Double {
        let weights = model.fieldWeights(pair.pattern)
        return personalFields.reduce(0) { $0 + weights[$1.rawValue] }
    }
}
