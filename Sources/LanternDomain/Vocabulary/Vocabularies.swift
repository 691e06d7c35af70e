/// A person's part in an event, as the recording partner saw it.
public enum PersonRole: String, Sendable, Codable, CaseIterable, Hashable {
    case victim, perpetrator, suspect, witness, subject, involved
}

/// Whether an event records a fact or a professional opinion; opinions must
/// carry the basis on which they were formed (Information Sharing Protocol).
public enum Nature: String, Sendable, Codable, CaseIterable, Hashable {
    case fact, opinion
}

/// Sex as recorded by a partner.
public enum Sex: String, Sendable, Codable, CaseIterable, Hashable {
    case male = "M", female = "F", other = "X", unknown = "U"

    /// Accepts the codes and the common words, in any case.
    public init?(code: String) {
        switch code.lowercased() {
        case "m", "male": self = .male
        case "f", "female": self = .female
        case "x", "other": self = .other
        case "u", "unknown", "not known": self = .unknown
        default: return nil
        }
    }
}

/// A relationship a partner declared between two of its person records.
public enum Relationship: String, Sendable, Codable, CaseIterable, Hashable {
    case parent, child, partner, sibling, carer
}

/// The kind of work a service does with a person: used to spot two services
/// doing the same kind of work with one family.
public enum WorkType: String, Sendable, Codable, CaseIterable, Hashable {
    case socialWork = "social-work", familySupport = "family-support"
    case youthJustice = "youth-justice", housingSupport = "housing-support"
    case substanceMisuse = "substance-misuse", mentalHealth = "mental-health"
    case idva, probation, educationSupport = "education-support"
    case healthVisiting = "health-visiting", policing
}

/// Why information is being shared or read: the purposes in the seeds'
/// privacy notices. Every access is tied to one.
public enum Purpose: String, Sendable, Codable, CaseIterable, Hashable {
    case caseFinding = "case-finding"
    case joiningCaseloads = "joining-caseloads"
    case holisticView = "holistic-view"
    case riskModelling = "risk-modelling"
    case riskPanels = "risk-panels"
    case evaluation
}

/// The kind of agency a partner is.
public enum PartnerKind: String, Sendable, Codable, CaseIterable, Hashable {
    case police, council, childrensSocialCare = "childrens-social-care"
    case adultSocialCare = "adult-social-care", health, housing, probation, education
    case domesticAbuseService = "domestic-abuse-service", fire, charity
}
