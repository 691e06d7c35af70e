/// Nouns for evidence lines ("2 missing episodes", "1 burglary"): what a
/// practitioner would call one event of each category, and more than one.
extension EventCategory {
    /// "1 missing episode", "3 missing episodes".
    public func counted(_ count: Int) -> String {
        "\(count) \(count == 1 ? evidenceNoun.one : evidenceNoun.many)"
    }

    /// The singular noun, for "domestic abuse incident 12 days ago".
    public var evidenceName: String { evidenceNoun.one }

    var evidenceNoun: (one: String, many: String) {
        switch self {
        case .asb: ("anti-social behaviour report", "anti-social behaviour reports")
        case .hateCrime: ("hate crime", "hate crimes")
        case .cuckooing: ("cuckooing report", "cuckooing reports")
        case .roughSleeping: ("rough sleeping report", "rough sleeping reports")
        case .violence: ("violent incident", "violent incidents")
        case .theft: ("theft", "thefts")
        case .burglary: ("burglary", "burglaries")
        case .robbery: ("robbery", "robberies")
        case .criminalDamage: ("criminal damage report", "criminal damage reports")
        case .drugs: ("drugs offence", "drugs offences")
        case .sexualOffence: ("sexual offence", "sexual offences")
        case .fraud: ("fraud", "frauds")
        case .arrest: ("arrest", "arrests")
        case .weaponOffence: ("weapon offence", "weapon offences")
        case .domesticAbuse: ("domestic abuse incident", "domestic abuse incidents")
        case .dashAssessment: ("DASH risk assessment", "DASH risk assessments")
        case .maracReferral: ("MARAC referral", "MARAC referrals")
        case .dvpo: ("DVPN / DVPO", "DVPNs / DVPOs")
        case .missingEpisode: ("missing episode", "missing episodes")
        case .childExploitation: ("child exploitation concern", "child exploitation concerns")
        case .countyLines: ("county lines concern", "county lines concerns")
        case .safeguardingConcern: ("safeguarding concern", "safeguarding concerns")
        case .cinPlan: ("child in need plan", "child in need plans")
        case .cpPlan: ("child protection plan", "child protection plans")
        case .lookedAfter: ("period looked after", "periods looked after")
        case .adultSafeguarding: ("adult safeguarding concern", "adult safeguarding concerns")
        case .aeAssault: ("A&E attendance for assault", "A&E attendances for assault")
        case .substanceTreatment: ("drug or alcohol treatment episode", "drug or alcohol treatment episodes")
        case .alcoholAdmission: ("alcohol-related admission", "alcohol-related admissions")
        case .mentalHealth: ("mental health attendance", "mental health attendances")
        case .daAdmission: ("admission after domestic abuse", "admissions after domestic abuse")
        case .eviction: ("eviction", "evictions")
        case .tenancyBreach: ("tenancy breach", "tenancy breaches")
        case .homelessness: ("homelessness application", "homelessness applications")
        case .rentArrears: ("rent arrears case", "rent arrears cases")
        case .exclusion: ("school exclusion", "school exclusions")
        case .persistentAbsence: ("persistent absence record", "persistent absence records")
        case .sendSupport: ("SEND support record", "SEND support records")
        case .licenceBreach: ("licence breach", "licence breaches")
        case .prisonRelease: ("release from prison", "releases from prison")
        case .communityOrder: ("community order", "community orders")
        case .drr: ("drug rehabilitation requirement", "drug rehabilitation requirements")
        case .deliberateFire: ("deliberate fire", "deliberate fires")
        case .falseAlarm: ("malicious false alarm", "malicious false alarms")
        case .debtSupport: ("debt support referral", "debt support referrals")
        case .benefitSanction: ("benefit sanction", "benefit sanctions")
        }
    }
}
