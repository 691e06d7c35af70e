/// The event categories of `docs/import-format.md` with their data categories,
/// and the invented wording partners use when summarising them.
///
/// Contract: ``dataCategory`` covers every category the rule tables use;
/// summaries are fictional, name nobody, stay under 1,000 characters and
/// sometimes carry commas and quotes so CSV quoting is exercised.
enum EventVocabulary {
    static let dataCategory: [String: String] = {
        var map: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("asb", ["asb", "hate-crime", "cuckooing", "rough-sleeping"]),
            ("crime", ["violence", "theft", "burglary", "robbery", "criminal-damage", "drugs",
                       "sexual-offence", "fraud", "arrest", "weapon-offence"]),
            ("domestic-abuse", ["domestic-abuse", "dash-assessment", "marac-referral", "dvpo"]),
            ("exploitation", ["missing-episode", "child-exploitation", "county-lines"]),
            ("social-care", ["safeguarding-concern", "cin-plan", "cp-plan", "looked-after",
                             "adult-safeguarding"]),
            ("health", ["ae-assault", "substance-treatment", "alcohol-admission", "mental-health",
                        "da-admission"]),
            ("housing", ["eviction", "tenancy-breach", "homelessness", "rent-arrears"]),
            ("education", ["exclusion", "persistent-absence", "send-support"]),
            ("probation", ["licence-breach", "prison-release", "community-order", "drr"]),
            ("fire", ["deliberate-fire", "false-alarm"]),
            ("financial", ["debt-support", "benefit-sanction"]),
        ]
        for (data, categories) in groups {
            for category in categories { map[category] = data }
        }
        return map
    }()

    /// Categories a professional often records as opinion rather than fact.
    static let opinionCategories: Set<String> = [
        "safeguarding-concern", "child-exploitation", "county-lines", "cuckooing", "mental-health",
        "adult-safeguarding", "persistent-absence", "dash-assessment",
    ]

    /// What a professional opinion about each category is typically based on.
    static func opinionBasis(for category: String, _ random: inout SeededGenerator) -> String {
        switch category {
        case "dash-assessment":
            return "DASH checklist answers given by the victim"
        case "persistent-absence":
            return random.pick(["Attendance register and teacher reports", "Reports from school staff and attendance records"])
        case "mental-health":
            return random.pick(["Observed presentation at appointment; history from the person",
                                "Clinical assessment by the crisis team"])
        case "cuckooing", "county-lines":
            return random.pick(["Information from a neighbour, not yet corroborated",
                                "Officer observations and intelligence reports"])
        default:
            return random.pick(["Home visit and conversation with the family",
                                "Professional judgement after strategy discussion",
                                "Information from a neighbour, not yet corroborated"])
        }
    }

    static func summary(for category: String, _ random: inout SeededGenerator) -> String {
        guard let options = summaries[category] else { return "" }
        return random.pick(options)
    }

    private static let summaries: [String: [String]] = [
        "asb": ["Noise nuisance reported by neighbours", "Group causing annoyance, shouting and littering",
                "Repeat reports of youths gathering, \"intimidating\" residents"],
        "hate-crime": ["Verbal abuse in the street, reported as racially motivated"],
        "cuckooing": ["Concern that address is being used by others for drug supply",
                      "Unknown visitors at all hours, occupant appears frightened"],
        "rough-sleeping": ["Found sleeping in shop doorway, offered outreach", "Verified rough sleeper"],
        "violence": ["Assault outside licensed premises", "Common assault, injuries minor",
                     "Fight in park, two parties, no weapons seen"],
        "theft": ["Theft of bicycle from front garden", "Shoplifting, goods recovered",
                  "Phone taken from table in cafe"],
        "burglary": ["Dwelling burglary, rear door forced", "Shed broken into, tools taken"],
        "robbery": ["Personal robbery, phone and wallet taken"],
        "criminal-damage": ["Car windows smashed", "Graffiti on garage door, reported by owner"],
        "drugs": ["Possession of cannabis, stop and search", "Suspected supply, search warrant executed"],
        "sexual-offence": ["Report of sexual assault, referred to specialist team"],
        "fraud": ["Doorstep fraud, elderly victim", "Online purchase fraud, bank informed"],
        "arrest": ["Arrested on suspicion, released under investigation", "Arrested on warrant"],
        "weapon-offence": ["Found in possession of a knife in public place"],
        "domestic-abuse": ["Verbal argument escalated, neighbours called police",
                           "Incident at home address, children present",
                           "Victim reports controlling behaviour, \"checks my phone\""],
        "dash-assessment": ["DASH completed: standard risk", "DASH completed: medium risk",
                            "DASH completed: high risk, referred on"],
        "marac-referral": ["Referred to MARAC following high risk DASH", "Repeat MARAC referral"],
        "dvpo": ["DVPN served, DVPO granted for 28 days"],
        "missing-episode": ["Reported missing overnight, returned next day",
                            "Missing from home, found by officers, return interview offered"],
        "child-exploitation": ["Concerns of older associates, gifts and unexplained money",
                               "Found in another town with adults not known to family"],
        "county-lines": ["Found in possession of drugs and cash away from home area"],
        "safeguarding-concern": ["Referral from school, child arrived hungry and unkempt",
                                 "Concern raised by health visitor", "Neighbour reports children left alone"],
        "cin-plan": ["Child in need plan agreed at review", "CIN plan started after assessment"],
        "cp-plan": ["Child protection plan, category neglect", "Child protection plan, category emotional abuse"],
        "looked-after": ["Accommodated under section 20", "Placed with foster carers"],
        "adult-safeguarding": ["Section 42 enquiry opened", "Concern about financial abuse by acquaintance"],
        "ae-assault": ["Attended A&E with facial injuries after assault", "Assault injury, treated and discharged"],
        "substance-treatment": ["Started structured treatment", "Re-engaged with treatment service"],
        "alcohol-admission": ["Admitted with alcohol toxicity", "Alcohol-related fall, admitted overnight"],
        "mental-health": ["First attendance with mental health crisis team", "Low mood, referred to talking therapies"],
        "da-admission": ["Admission with injuries, disclosed domestic abuse"],
        "eviction": ["Possession order obtained", "Eviction carried out, household rehoused in temporary accommodation"],
        "tenancy-breach": ["Breach of tenancy, unauthorised occupants", "Warning letter, condition of property"],
        "homelessness": ["Homelessness application, relief duty accepted", "Presented as homeless, fleeing violence"],
        "rent-arrears": ["Rent arrears over 8 weeks", "Arrears agreement set up, payments resumed"],
        "exclusion": ["Fixed-term exclusion, 3 days", "Suspension for persistent disruption",
                      "Permanent exclusion, moved to alternative provision"],
        "persistent-absence": ["Attendance 78% this term", "Attendance below 85%, letters sent"],
        "send-support": ["SEN support plan agreed", "EHCP needs assessment requested"],
        "licence-breach": ["Missed appointments, breach proceedings", "Recalled on licence"],
        "prison-release": ["Released on licence", "Released at end of sentence"],
        "community-order": ["Community order with unpaid work", "Community order, rehabilitation activity requirement"],
        "drr": ["Drug rehabilitation requirement started", "DRR review, testing negative"],
        "deliberate-fire": ["Deliberate fire in bin store", "Deliberate fire in stairwell, no injuries"],
        "false-alarm": ["Malicious false alarm", "Repeat false alarms from address"],
        "debt-support": ["Referred for debt advice", "Council tax arrears, support plan agreed"],
        "benefit-sanction": ["Benefit sanction, hardship payment arranged"],
    ]
}
