/// How close to a person a user must be to read about them for a purpose.
///
/// Contract: ordered from least to most demanding, so that a user with
/// several roles needs the least demanding relationship any of them allows.
public enum RelationshipNeed: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// No relationship: population-level work (case finding, evaluation).
    case none = 0
    /// Any ``CaseRelationship`` with the person.
    case anyRelationship = 1
    /// The person must be on a panel case the user is a member of.
    case panelCase = 2
    /// The person must be the subject of a rights request the user is
    /// handling: the DPO reads personal data only to answer one (UK GDPR
    /// Arts 15-21), and only about the person who asked.
    case rightsRequestSubject = 3

    public static func < (lhs: RelationshipNeed, rhs: RelationshipNeed) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `relationships` meet the need.
    public func isMet(by relationships: Set<CaseRelationship>) -> Bool {
        switch self {
        case .none: true
        case .anyRelationship: relationships.contains(where: \.isCasework)
        case .panelCase: relationships.contains(.panelMember)
        case .rightsRequestSubject: relationships.contains(.rightsRequestSubject)
        }
    }
}
