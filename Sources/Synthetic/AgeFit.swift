/// The ages at which each kind of event or service can happen to someone,
/// so the fictional partnership never shows a baby referred to talking
/// therapies, an adult excluded from school, or a child under 10 on probation.
///
/// Contract: ``event(_:)`` and ``involvement(workType:service:)`` give an
/// inclusive range of whole years of age on the day; the planner draws
/// nothing outside it. Ten is the age of criminal responsibility in England
/// and Wales; domestic abuse is defined from 16 (Domestic Abuse Act 2021 s1).
enum AgeFit {
    static let anyAge = 0...120

    static func event(_ kind: EventKind) -> ClosedRange<Int> {
        let offenderRoles: Set<String> = ["perpetrator", "suspect", "offender"]
        switch kind.category {
        case "exclusion", "persistent-absence": return 5...16
        case "send-support": return 2...18
        case "cin-plan", "cp-plan", "looked-after", "safeguarding-concern": return 0...17
        case "child-exploitation", "county-lines": return 10...17
        case "missing-episode": return 10...120
        case "mental-health": return 11...120
        case "substance-treatment", "alcohol-admission": return 12...120
        case "domestic-abuse", "dash-assessment", "marac-referral", "dvpo", "da-admission": return 16...120
        case "adult-safeguarding", "cuckooing", "rough-sleeping", "homelessness", "eviction", "tenancy-breach",
             "rent-arrears", "debt-support", "benefit-sanction", "licence-breach", "prison-release", "community-order", "drr":
            return 18...120
        case "arrest", "weapon-offence": return 10...120
        case "fraud": return offenderRoles.contains(kind.role) || kind.role == "victim" ? 16...120 : anyAge
        default: return offenderRoles.contains(kind.role) ? 10...120 : anyAge
        }
    }

    static func involvement(workType: String, service: String) -> ClosedRange<Int> {
        if service.hasPrefix("Adult Social Work") { return 18...120 }
        if service.hasPrefix("Children's Social Work") || service == "Children with Disabilities Team" { return 0...17 }
        if service == "Adolescent Safeguarding Team" { return 10...17 }
        switch (workType, service) {
        case (_, "Health Visiting Team"): return 0...4
        case (_, "School Nursing Service"), (_, "Inclusion and Attendance Team"): return 5...18
        case ("education-support", _): return 2...18
        case ("youth-justice", _): return 10...17
        case ("idva", _): return 16...120
        case ("probation", _), ("housing-support", _), ("adult-social-work", _): return 18...120
        case ("mental-health", _): return 16...120
        case ("substance-misuse", _): return 12...120
        case ("policing", _): return 10...120
        default: return anyAge
        }
    }
}
