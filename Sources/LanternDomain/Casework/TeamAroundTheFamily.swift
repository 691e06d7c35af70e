/// Who is working with a family on a day: each member's team, the household's,
/// the lead professional, and overlaps between services.
///
/// Use it for the whole-family view and to set
/// ``HouseholdFacts/hasLeadProfessional`` before case finding. Contract: only
/// involvements with household members that are in force on `day` count;
/// lists are sorted by start date then service, so the page reads the same
/// every time; `explanation` says in words what a practitioner should notice
/// (no lead professional, more than one, each overlap).
public struct TeamAroundTheFamily: Sendable, Hashable, Codable {
    /// One member's part of the team.
    public struct MemberTeam: Sendable, Hashable, Codable {
        public var personID: String
        public var involvements: [Involvement]
    }

    public var householdID: String
    public var day: CalendarDate
    /// Each member's team, in the order the members were given.
    public var members: [MemberTeam]
    /// Every in-force involvement with anyone in the household.
    public var involvements: [Involvement]
    public var leadProfessionals: [Involvement]
    public var overlaps: [ServiceOverlap]

    public init(householdID: String, members: [String], involvements all: [Involvement], on day: CalendarDate) {
        self.householdID = householdID
        self.day = day
        let memberSet = Set(members)
        let inForce = all.filter { memberSet.contains($0.personID) && $0.isInForce(on: day) }
            .sorted { ($0.startedOn, $0.service, $0.involvementID) < ($1.startedOn, $1.service, $1.involvementID) }
        involvements = inForce
        self.members = members.map { person in MemberTeam(personID: person, involvements: inForce.filter { $0.personID == person }) }
        leadProfessionals = inForce.filter(\.isLeadProfessional)
        var overlaps: [ServiceOverlap] = []
        for workType in WorkType.allCases {
            let same = inForce.filter { $0.workType == workType }
            let services = Set(same.map(\.service)).sorted()
            guard services.count > 1 else { continue }
            // All the services were at work from the latest of their first days.
            let since = services.map { service in same.filter { $0.service == service }.map(\.startedOn).min()! }.max()!
            overlaps.append(ServiceOverlap(workType: workType, services: services, involvements: same, since: since))
        }
        self.overlaps = overlaps
    }

    public var hasLeadProfessional: Bool { !leadProfessionals.isEmpty }

    /// The distinct services working with the family, sorted.
    public var services: [String] { Set(involvements.map(\.service)).sorted() }

    /// What a practitioner should notice, one line each.
    public var explanation: [String] {
        var lines: [String] = []
        switch leadProfessionals.count {
        case 0 where !involvements.isEmpty:
            lines.append("No lead professional: \(services.count) service(s) working with the family without one")
        case 0:
            lines.append("No services working with the family on \(day)")
        case 1:
            lines.append("Lead professional: \(leadProfessionals[0].who), since \(leadProfessionals[0].startedOn)")
        default:
            lines.append("\(leadProfessionals.count) lead professionals named (" +
                         leadProfessionals.map(\.who).joined(separator: ", ") + "): agree one")
        }
        lines += overlaps.map(\.description)
        return lines
    }
}
