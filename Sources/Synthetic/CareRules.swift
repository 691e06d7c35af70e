/// Whom in a household a rule is about.
enum RuleTarget: Sendable {
    /// The member the issue is about.
    case subject
    /// The second member (the other adult in domestic abuse), when there is one.
    case other
    /// Every child under 18 in the household.
    case children
}

/// One way a partner comes to record an issue: with what chance, about whom,
/// and which events (category, role, relative weight).
struct EventRule: Sendable {
    let issue: Issue
    let partner: Int
    let chance: Double
    let target: RuleTarget
    let events: WeightedTable<EventKind>
}

/// An event category and the role the person played in it.
struct EventKind: Sendable {
    let category: String
    let role: String
}

/// One way a partner's service comes to work with a person about an issue.
struct InvolvementRule: Sendable {
    let issue: Issue
    let partner: Int
    let chance: Double
    let target: RuleTarget
    let services: [String]
    let workType: String
    let workerRole: String
}

/// The rule tables: which partners see which issues, and what they record.
///
/// Contract: every category used is in ``EventVocabulary/dataCategory``; the
/// partnership's flows are derived from these tables (``categories(of:)``), so
/// every row a partner sends is covered by the agreement.
enum CareRules {
    private typealias P = PartnerProfile

    private static func rule(_ issue: Issue, _ partner: Int, _ chance: Double, _ target: RuleTarget,
                             _ events: [(String, String, Int)]) -> EventRule {
        EventRule(issue: issue, partner: partner, chance: chance, target: target,
                  events: WeightedTable(events.map { (EventKind(category: $0.0, role: $0.1), $0.2) }))
    }

    static let events: [EventRule] = [
        rule(.crimeVictim, P.police, 1.0, .subject, [
            ("theft", "victim", 5), ("burglary", "victim", 3), ("criminal-damage", "victim", 3),
            ("fraud", "victim", 2), ("robbery", "victim", 1), ("violence", "victim", 2), ("asb", "witness", 2),
        ]),
        rule(.crimeVictim, P.health, 0.08, .subject, [("ae-assault", "victim", 1)]),
        rule(.domesticAbuse, P.police, 0.9, .subject, [
            ("domestic-abuse", "victim", 8), ("dash-assessment", "victim", 3), ("marac-referral", "victim", 1),
        ]),
        rule(.domesticAbuse, P.police, 0.85, .other, [
            ("domestic-abuse", "perpetrator", 8), ("arrest", "subject", 2), ("dvpo", "subject", 1),
            ("violence", "suspect", 2),
        ]),
        rule(.domesticAbuse, P.domesticAbuse, 0.65, .subject, [
            ("domestic-abuse", "victim", 5), ("dash-assessment", "victim", 4), ("marac-referral", "victim", 2),
        ]),
        rule(.domesticAbuse, P.domesticAbuse, 0.2, .other, [("domestic-abuse", "perpetrator", 1)]),
        rule(.domesticAbuse, P.health, 0.25, .subject, [("da-admission", "victim", 2), ("ae-assault", "victim", 1)]),
        rule(.domesticAbuse, P.childrens, 0.55, .children, [
            ("safeguarding-concern", "subject", 4), ("domestic-abuse", "witness", 3), ("cin-plan", "subject", 1),
        ]),
        rule(.domesticAbuse, P.council, 0.15, .subject, [("domestic-abuse", "victim", 2), ("homelessness", "subject", 1)]),
        rule(.domesticAbuse, P.homes, 0.2, .subject, [("homelessness", "subject", 1), ("tenancy-breach", "involved", 1)]),
        rule(.asb, P.police, 0.7, .subject, [
            ("asb", "perpetrator", 6), ("criminal-damage", "suspect", 2), ("hate-crime", "perpetrator", 1),
        ]),
        rule(.asb, P.council, 0.5, .subject, [("asb", "perpetrator", 5), ("asb", "subject", 2)]),
        rule(.asb, P.homes, 0.5, .subject, [("asb", "perpetrator", 4), ("tenancy-breach", "subject", 2)]),
        rule(.offending, P.police, 0.95, .subject, [
            ("violence", "suspect", 4), ("theft", "suspect", 4), ("burglary", "suspect", 2), ("robbery", "suspect", 1),
            ("drugs", "suspect", 3), ("arrest", "subject", 4), ("weapon-offence", "suspect", 1),
            ("criminal-damage", "suspect", 2), ("sexual-offence", "suspect", 1), ("fraud", "suspect", 1),
        ]),
        rule(.offending, P.probation, 0.6, .subject, [
            ("community-order", "subject", 4), ("prison-release", "subject", 2), ("licence-breach", "subject", 2),
            ("drr", "subject", 1),
        ]),
        rule(.offending, P.health, 0.15, .subject, [("ae-assault", "victim", 1)]),
        rule(.substance, P.health, 0.9, .subject, [
            ("substance-treatment", "subject", 4), ("alcohol-admission", "subject", 3),
        ]),
        rule(.substance, P.police, 0.35, .subject, [("drugs", "suspect", 3), ("cuckooing", "victim", 1)]),
        rule(.substance, P.probation, 0.12, .subject, [("drr", "subject", 1)]),
        rule(.substance, P.council, 0.1, .subject, [("cuckooing", "victim", 1)]),
        rule(.mentalHealth, P.health, 0.95, .subject, [("mental-health", "subject", 1)]),
        rule(.mentalHealth, P.adults, 0.15, .subject, [("adult-safeguarding", "subject", 1)]),
        rule(.mentalHealth, P.police, 0.2, .subject, [("missing-episode", "subject", 1)]),
        rule(.childProtection, P.childrens, 1.0, .children, [
            ("safeguarding-concern", "subject", 5), ("cin-plan", "subject", 3), ("cp-plan", "subject", 2),
            ("looked-after", "subject", 1),
        ]),
        rule(.childProtection, P.schools, 0.55, .children, [("safeguarding-concern", "subject", 1)]),
        rule(.childProtection, P.health, 0.3, .subject, [("mental-health", "subject", 1)]),
        rule(.schoolConcern, P.schools, 1.0, .subject, [("persistent-absence", "subject", 3), ("exclusion", "subject", 2)]),
        rule(.schoolConcern, P.council, 0.25, .subject, [("safeguarding-concern", "subject", 1)]),
        rule(.send, P.schools, 1.0, .subject, [("send-support", "subject", 1)]),
        rule(.housing, P.homes, 0.75, .subject, [
            ("rent-arrears", "subject", 5), ("tenancy-breach", "subject", 2), ("eviction", "subject", 1),
        ]),
        rule(.housing, P.council, 0.55, .subject, [("homelessness", "subject", 4), ("rough-sleeping", "subject", 1)]),
        rule(.financial, P.council, 0.9, .subject, [("debt-support", "subject", 3), ("benefit-sanction", "subject", 1)]),
        rule(.financial, P.homes, 0.3, .subject, [("rent-arrears", "subject", 1)]),
        rule(.exploitation, P.police, 0.9, .subject, [
            ("missing-episode", "subject", 5), ("child-exploitation", "victim", 3), ("county-lines", "victim", 2),
            ("drugs", "suspect", 1),
        ]),
        rule(.exploitation, P.childrens, 0.8, .subject, [
            ("child-exploitation", "victim", 3), ("missing-episode", "subject", 3), ("cin-plan", "subject", 1),
        ]),
        rule(.exploitation, P.schools, 0.6, .subject, [("exclusion", "subject", 2), ("persistent-absence", "subject", 2)]),
        rule(.exploitation, P.health, 0.2, .subject, [("ae-assault", "victim", 1)]),
        rule(.adultVulnerability, P.adults, 0.95, .subject, [
            ("adult-safeguarding", "subject", 3), ("safeguarding-concern", "subject", 2),
        ]),
        rule(.adultVulnerability, P.health, 0.45, .subject, [("mental-health", "subject", 1), ("alcohol-admission", "subject", 1)]),
        rule(.adultVulnerability, P.fire, 0.2, .subject, [("false-alarm", "subject", 1)]),
        rule(.adultVulnerability, P.council, 0.15, .subject, [("safeguarding-concern", "subject", 1), ("fraud", "victim", 1)]),
        rule(.fire, P.fire, 1.0, .subject, [("deliberate-fire", "perpetrator", 2), ("false-alarm", "subject", 3)]),
        rule(.fire, P.police, 0.3, .subject, [("criminal-damage", "suspect", 1)]),
    ]

    private static func involve(_ issue: Issue, _ partner: Int, _ chance: Double, _ target: RuleTarget,
                                _ services: [String], _ workType: String, _ role: String) -> InvolvementRule {
        InvolvementRule(issue: issue, partner: partner, chance: chance, target: target,
                        services: services, workType: workType, workerRole: role)
    }

    private static let earlyHelp = ["Early Help Team North", "Early Help Team South", "Early Help Team East",
                                    "Early Help Team West"]

    static let involvements: [InvolvementRule] = [
        involve(.domesticAbuse, P.domesticAbuse, 0.55, .subject, ["Harrowmere IDVA Service"], "idva", "IDVA"),
        involve(.domesticAbuse, P.council, 0.15, .children, earlyHelp, "family-support", "Family Support Worker"),
        involve(.childProtection, P.childrens, 0.9, .children,
                ["Children's Social Work Team 1", "Children's Social Work Team 2", "Children's Social Work Team 3",
                 "Children with Disabilities Team"], "social-work", "Social Worker"),
        involve(.childProtection, P.health, 0.3, .children, ["Health Visiting Team", "School Nursing Service"],
                "health-visiting", "Health Visitor"),
        involve(.schoolConcern, P.schools, 0.4, .subject, ["Inclusion and Attendance Team"],
                "education-support", "Attendance Officer"),
        involve(.schoolConcern, P.council, 0.3, .subject, earlyHelp, "family-support", "Family Support Worker"),
        involve(.send, P.schools, 0.3, .subject, ["SEND Support Service"], "education-support", "SENCo"),
        involve(.exploitation, P.childrens, 0.7, .subject, ["Adolescent Safeguarding Team"], "social-work",
                "Social Worker"),
        involve(.exploitation, P.council, 0.35, .subject, ["Harrowmere Youth Justice Service"], "youth-justice",
                "Youth Justice Officer"),
        involve(.offending, P.probation, 0.55, .subject, ["Integrated Offender Management", "Probation Team South"],
                "probation", "Probation Officer"),
        involve(.offending, P.police, 0.2, .subject, ["Neighbourhood Policing Team North", "Neighbourhood Policing Team South"],
                "policing", "PCSO"),
        involve(.asb, P.police, 0.15, .subject, ["Neighbourhood Policing Team North", "Neighbourhood Policing Team South"],
                "policing", "Police Constable"),
        involve(.substance, P.health, 0.6, .subject, ["Harrowmere Recovery Service"], "substance-misuse",
                "Recovery Worker"),
        involve(.mentalHealth, P.health, 0.55, .subject, ["Community Mental Health Team", "Talking Therapies"],
                "mental-health", "Community Psychiatric Nurse"),
        involve(.housing, P.homes, 0.5, .subject, ["Tenancy Sustainment Team"], "housing-support",
                "Tenancy Support Officer"),
        involve(.adultVulnerability, P.adults, 0.7, .subject, ["Adult Social Work Team East", "Adult Social Work Team West"],
                "social-work", "Social Worker"),
    ]

    /// The event categories partner `index` can send, in first-use order.
    static func eventCategories(of index: Int) -> [String] {
        var seen: [String] = []
        for rule in events where rule.partner == index {
            for kind in rule.events.values where !seen.contains(kind.category) {
                seen.append(kind.category)
            }
        }
        return seen
    }

    /// The data categories of every row partner `index` can send: identity,
    /// involvement and its events' categories, in a fixed order.
    static func dataCategories(of index: Int) -> [String] {
        let fromEvents = Set(eventCategories(of: index).compactMap { EventVocabulary.dataCategory[$0] })
        return ["identity", "involvement"] + dataCategoryOrder.filter { fromEvents.contains($0) }
    }

    static let dataCategoryOrder = [
        "asb", "crime", "domestic-abuse", "exploitation", "social-care", "health", "housing", "education",
        "probation", "fire", "financial",
    ]
}
