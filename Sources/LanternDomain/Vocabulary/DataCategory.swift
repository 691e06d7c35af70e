/// The kinds of information partners share, as named in the agreement's flows.
///
/// Use it to ask whether a flow covers a row or a field. Its contract: every
/// event category maps to exactly one data category, and the special category
/// (UK GDPR Art 9) and criminal offence (Art 10) flags follow the seeds.
public enum DataCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case identity
    case involvement
    case asb
    case crime
    case domesticAbuse = "domestic-abuse"
    case exploitation
    case socialCare = "social-care"
    case health
    case housing
    case education
    case probation
    case fire
    case financial

    /// Special category data under UK GDPR Art 9 (health, and social care
    /// records, which reveal health and disability).
    public var isSpecialCategory: Bool {
        switch self {
        case .health, .socialCare: true
        default: false
        }
    }

    /// Criminal offence data under UK GDPR Art 10 and DPA 2018 Schedule 1.
    public var isCriminalOffence: Bool {
        switch self {
        case .asb, .crime, .domesticAbuse, .exploitation, .probation: true
        default: false
        }
    }

    /// Words a practitioner would use on a page.
    public var label: String {
        switch self {
        case .identity: "Identity and contact details"
        case .involvement: "Services working with the person"
        case .asb: "Anti-social behaviour"
        case .crime: "Crime"
        case .domesticAbuse: "Domestic abuse"
        case .exploitation: "Missing and exploitation"
        case .socialCare: "Social care"
        case .health: "Health"
        case .housing: "Housing"
        case .education: "Education"
        case .probation: "Probation and offending"
        case .fire: "Fire"
        case .financial: "Financial"
        }
    }
}
