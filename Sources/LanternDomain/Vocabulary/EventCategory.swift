/// The controlled vocabulary of events partners record about people.
///
/// Raw values are the codes used in extracts (`docs/import-format.md`). Each
/// maps to the ``DataCategory`` an agreement's flow must cover.
public enum EventCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case asb, hateCrime = "hate-crime", cuckooing, roughSleeping = "rough-sleeping"
    case violence, theft, burglary, robbery, criminalDamage = "criminal-damage", drugs
    case sexualOffence = "sexual-offence", fraud, arrest, weaponOffence = "weapon-offence"
    case domesticAbuse = "domestic-abuse", dashAssessment = "dash-assessment"
    case maracReferral = "marac-referral", dvpo
    case missingEpisode = "missing-episode", childExploitation = "child-exploitation"
    case countyLines = "county-lines"
    case safeguardingConcern = "safeguarding-concern", cinPlan = "cin-plan", cpPlan = "cp-plan"
    case lookedAfter = "looked-after", adultSafeguarding = "adult-safeguarding"
    case aeAssault = "ae-assault", substanceTreatment = "substance-treatment"
    case alcoholAdmission = "alcohol-admission", mentalHealth = "mental-health"
    case daAdmission = "da-admission"
    case eviction, tenancyBreach = "tenancy-breach", homelessness, rentArrears = "rent-arrears"
    case exclusion, persistentAbsence = "persistent-absence", sendSupport = "send-support"
    case licenceBreach = "licence-breach", prisonRelease = "prison-release"
    case communityOrder = "community-order", drr
    case deliberateFire = "deliberate-fire", falseAlarm = "false-alarm"
    case debtSupport = "debt-support", benefitSanction = "benefit-sanction"

    public var dataCategory: DataCategory {
        switch self {
        case .asb, .hateCrime, .cuckooing, .roughSleeping: .asb
        case .violence, .theft, .burglary, .robbery, .criminalDamage, .drugs,
             .sexualOffence, .fraud, .arrest, .weaponOffence: .crime
        case .domesticAbuse, .dashAssessment, .maracReferral, .dvpo: .domesticAbuse
        case .missingEpisode, .childExploitation, .countyLines: .exploitation
        case .safeguardingConcern, .cinPlan, .cpPlan, .lookedAfter, .adultSafeguarding: .socialCare
        case .aeAssault, .substanceTreatment, .alcoholAdmission, .mentalHealth, .daAdmission: .health
        case .eviction, .tenancyBreach, .homelessness, .rentArrears: .housing
        case .exclusion, .persistentAbsence, .sendSupport: .education
        case .licenceBreach, .prisonRelease, .communityOrder, .drr: .probation
        case .deliberateFire, .falseAlarm: .fire
        case .debtSupport, .benefitSanction: .financial
        }
    }

    /// A label for pages: the code with its hyphens turned into spaces.
    public var label: String {
        switch self {
        case .asb: "Anti-social behaviour"
        case .cinPlan: "Child in need plan"
        case .cpPlan: "Child protection plan"
        case .aeAssault: "A&E attendance (assault)"
        case .dvpo: "DVPN / DVPO"
        case .drr: "Drug rehabilitation requirement"
        case .dashAssessment: "DASH risk assessment"
        case .maracReferral: "MARAC referral"
        case .sendSupport: "SEND support"
        default:
            rawValue.prefix(1).uppercased() + String(rawValue.dropFirst().map { $0 == "-" ? " " : $0 })
        }
    }
}
