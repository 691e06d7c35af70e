/// The ten Supporting Families headline outcomes: the needs a whole-family
/// view looks for.
///
/// Use it to say which need a rule indicates, which weight it carries in the
/// case-finding score, and to filter the case-finding list. Contract: the raw
/// values are the codes analysts write in rule sets and never change; the
/// order of `allCases` is the order pages show the needs in.
public enum FamilyNeed: String, Sendable, Codable, CaseIterable, Hashable {
    case goodEducation = "good-education"
    case earlyYears = "early-years"
    case health
    case substanceUse = "substance-use"
    case familyRelationships = "family-relationships"
    case childrenSafe = "children-safe"
    case crime
    case domesticAbuse = "domestic-abuse"
    case secureHousing = "secure-housing"
    case financialStability = "financial-stability"

    /// The headline outcome in the Supporting Families framework's words.
    public var outcome: String {
        switch self {
        case .goodEducation: "Getting a good education"
        case .earlyYears: "Good early years development"
        case .health: "Improved mental and physical health"
        case .substanceUse: "Promoting recovery and reducing harm from substance use"
        case .familyRelationships: "Improved family relationships"
        case .childrenSafe: "Children safe from abuse and exploitation"
        case .crime: "Crime prevention and tackling crime"
        case .domesticAbuse: "Safe from domestic abuse"
        case .secureHousing: "Secure housing"
        case .financialStability: "Financial stability"
        }
    }

    /// A short lower-case name for explanation lines ("safe from domestic abuse +3").
    public var shortName: String {
        switch self {
        case .goodEducation: "good education"
        case .earlyYears: "early years development"
        case .health: "mental and physical health"
        case .substanceUse: "recovery from substance use"
        case .familyRelationships: "family relationships"
        case .childrenSafe: "children safe from abuse and exploitation"
        case .crime: "crime prevention"
        case .domesticAbuse: "safe from domestic abuse"
        case .secureHousing: "secure housing"
        case .financialStability: "financial stability"
        }
    }
}
