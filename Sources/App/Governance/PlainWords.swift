import LanternDomain

// Plain-language wording for the vocabularies, shared by the agreement pages,
// the Record of Processing Activities and the privacy notices, so all three
// describe a flow in the same words.

extension Purpose {
    /// What the purpose means, as a privacy notice says it.
    var plainDescription: String {
        switch self {
        case .caseFinding:
            "Finding families facing several difficulties at once, as early as possible, by noticing when one family is in touch with several services."
        case .joiningCaseloads:
            "Showing each service who else is already working with a family, so that work is not duplicated."
        case .holisticView:
            "Giving every professional supporting a family the same, complete picture of what puts them at risk."
        case .riskModelling:
            "Ranking lists of families for a professional to look at first. A score never decides anything on its own."
        case .riskPanels:
            "Preparing and holding multi-agency risk meetings, such as MARAC for high-risk domestic abuse."
        case .evaluation:
            "Checking whether support works and where problems are concentrated, using information with names and identifiers removed."
        }
    }

    /// A short name for tables.
    var plainLabel: String {
        switch self {
        case .caseFinding: "Finding families early"
        case .joiningCaseloads: "Joining up caseloads"
        case .holisticView: "A shared view of vulnerability"
        case .riskModelling: "Ranking lists for review"
        case .riskPanels: "Multi-agency risk panels"
        case .evaluation: "Evaluation and trends (depersonalised)"
        }
    }
}

extension Article6Basis {
    var plainLabel: String {
        switch self {
        case .publicTask: "UK GDPR Article 6(1)(e): a task in the public interest or in the exercise of official authority"
        case .legalObligation: "UK GDPR Article 6(1)(c): a legal obligation"
        case .vitalInterests: "UK GDPR Article 6(1)(d): protecting someone's life"
        case .legitimateInterests: "UK GDPR Article 6(1)(f): legitimate interests"
        }
    }
}

extension Article9Condition {
    var plainLabel: String {
        switch self {
        case .substantialPublicInterest: "UK GDPR Article 9(2)(g): substantial public interest"
        case .healthOrSocialCare: "UK GDPR Article 9(2)(h): health or social care"
        case .socialProtection: "UK GDPR Article 9(2)(b): social protection law"
        case .vitalInterests: "UK GDPR Article 9(2)(c): protecting someone's life"
        }
    }
}

extension Article10Condition {
    var plainLabel: String {
        switch self {
        case .safeguardingChildren: "UK GDPR Article 10 with DPA 2018 Schedule 1 para 18: safeguarding children and individuals at risk"
        case .safeguardingIndividualsAtRisk: "UK GDPR Article 10 with DPA 2018 Schedule 1 para 18: safeguarding individuals at risk"
        case .preventingUnlawfulActs: "UK GDPR Article 10 with DPA 2018 Schedule 1 para 10: preventing or detecting unlawful acts"
        case .protectingThePublic: "UK GDPR Article 10 with DPA 2018 Schedule 1 para 11: protecting the public"
        }
    }
}

extension SharingFormat {
    var plainLabel: String {
        switch self {
        case .meeting: "At a meeting, under a signed confidentiality statement"
        case .requestAndResponse: "On request, answered case by case"
        case .selfService: "Direct access by named staff"
        case .centralController: "Through the partnership hub, which decides what to pass on"
        case .automated: "Automated notifications between systems"
        }
    }
}

extension DataCategory {
    /// How long the protocol says this kind of record is kept, where it says.
    var retention: String {
        switch self {
        case .domesticAbuse: "Domestic abuse records: destroyed 7 years after the last action (MARAC records: kept 6 years)"
        case .asb: "Community risk panel records: destroyed 6 years after the last action"
        case .probation: "Integrated offender management: reviewed 6 years after the case closes"
        case .socialCare, .education, .involvement, .identity, .housing:
            "Family data: kept up to 8 years, longer where there is a safeguarding case"
        case .crime, .exploitation, .health, .fire, .financial:
            "As the sharing partner's own retention schedule sets out"
        }
    }
}
