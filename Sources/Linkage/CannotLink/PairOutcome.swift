/// What a run decided about one scored pair, and the rule behind it, so that the review
/// page and the pairs file can say why a pair was or was not linked.
///
/// Contract: `decision` is final for the run; `reason` is nil for an automatic link and for
/// a pair below the review threshold. A reviewer can overturn any outcome with a
/// `ReviewerDecision`, including `.differentPeople` decided by the cannot-link rule.
public struct PairOutcome: Hashable, Sendable, Codable {
    public var decision: MatchDecision
    public var reason: Reason?

    public init(decision: MatchDecision, reason: Reason? = nil) {
        self.decision = decision
        self.reason = reason
    }

    /// Why a pair was not simply linked.
    public enum Reason: Hashable, Sendable, Codable {
        /// The match probability lies between the review and auto-link thresholds.
        case uncertain
        /// Cannot-link: the two records' own person evidence conflicts.
        case personEvidenceConflicts(PersonConflict)
        /// One field conflicts (given name or date of birth) and no partner keeps the two
        /// apart: two people (twins, a parent and child) or one person recorded wrongly.
        /// Never linked automatically; a reviewer decides (`ConflictConfirmation`).
        case conflictNotConfirmed(PersonConflict)
        /// Cannot-link: two valid NHS or CRO numbers differ.
        case identifiersDiffer
        /// A reviewer ruled earlier that these records are different people.
        case reviewerSaidDifferent
        /// One record (often with a missing given name or date of birth) fits two people
        /// who conflict with each other, or two people who were not found to be one, so
        /// it joins neither until a reviewer decides. The conflict is empty in the second case.
        case fitsTwoPeople(PersonConflict)
        /// Linking would put a record of a different person in the same person: another
        /// record already in one side conflicts with a record of the other side.
        case wouldJoinADifferentPerson(PersonConflict)
        /// Linking would put two records one partner keeps apart (different record ids) into
        /// one person, and those two records do not match each other well enough to link.
        case samePartnerRecordsDiffer
        /// Cannot-link: the pair was not certain enough to link, and the people its two
        /// records already belong to conflict: different NHS or CRO numbers when the conflict
        /// is empty (the only case a run decides today), else the person evidence named.
        case theirPeopleDiffer(PersonConflict)

        /// Reviewer wording: the rule and its reason.
        public var description: String {
            switch self {
            case .uncertain:
                "not certain enough to link automatically"
            case .personEvidenceConflicts(let conflict):
                "cannot-link rule: \(conflict.description), so these are different people"
            case .conflictNotConfirmed(let conflict):
                "held for review: \(conflict.description), and no partner keeps these two apart: two people, or one person recorded wrongly"
            case .identifiersDiffer:
                "cannot-link rule: different NHS or CRO numbers, so these are different people"
            case .reviewerSaidDifferent:
                "a reviewer ruled that these are different people"
            case .fitsTwoPeople(let conflict) where conflict.isEmpty:
                "held for review: a record missing a given name or date of birth fits two people"
            case .fitsTwoPeople(let conflict):
                "held for review: a record fits two people who differ (\(conflict.description))"
            case .wouldJoinADifferentPerson(let conflict) where conflict.isEmpty:
                "held for review: linking would join records with different NHS or CRO numbers"
            case .wouldJoinADifferentPerson(let conflict):
                "held for review: linking would join records of different people (\(conflict.description))"
            case .samePartnerRecordsDiffer:
                "held for review: linking would make one person of two records one partner keeps apart, which do not match each other"
            case .theirPeopleDiffer(let conflict) where conflict.isEmpty:
                "cannot-link rule: not certain enough to link, and the people these records belong to have different NHS or CRO numbers, so these are different people"
            case .theirPeopleDiffer(let conflict):
                "cannot-link rule: not certain enough to link, and the people these records belong to differ (\(conflict.description)), so these are different people"
            }
        }

        /// The conflict behind the outcome, if any.
        public var conflict: PersonConflict {
            switch self {
            case .personEvidenceConflicts(let c), .conflictNotConfirmed(let c), .fitsTwoPeople(let c),
                 .wouldJoinADifferentPerson(let c), .theirPeopleDiffer(let c): c
            default: []
            }
        }
    }

    static let autoLink = PairOutcome(decision: .autoLink)
}
