/// A service working with one person: one member of the team around the family.
///
/// Built by the caller from involvement records. Contract: the involvement is
/// in force from `startedOn` to `endedOn` inclusive (no end: still open);
/// `service` names the service as practitioners know it ("Harrowmere Early
/// Help"); two involvements with the same service name are the same service.
public struct Involvement: Sendable, Hashable, Codable {
    public var involvementID: String
    public var personID: String
    public var service: String
    /// The partner the service belongs to, as a display name.
    public var partner: String
    public var workType: WorkType
    public var workerName: String?
    public var isLeadProfessional: Bool
    public var startedOn: CalendarDate
    public var endedOn: CalendarDate?

    public init(involvementID: String, personID: String, service: String, partner: String, workType: WorkType,
                workerName: String? = nil, isLeadProfessional: Bool = false, startedOn: CalendarDate,
                endedOn: CalendarDate? = nil) {
        self.involvementID = involvementID
        self.personID = personID
        self.service = service
        self.partner = partner
        self.workType = workType
        self.workerName = workerName
        self.isLeadProfessional = isLeadProfessional
        self.startedOn = startedOn
        self.endedOn = endedOn
    }

    public func isInForce(on day: CalendarDate) -> Bool {
        startedOn <= day && (endedOn.map { day <= $0 } ?? true)
    }

    /// "Harrowmere Early Help (Sam Patel)".
    public var who: String { workerName.map { "\(service) (\($0))" } ?? service }
}

extension WorkType {
    /// Words a practitioner would use on a page.
    public var label: String {
        switch self {
        case .socialWork: "Social work"
        case .familySupport: "Family support"
        case .youthJustice: "Youth justice"
        case .housingSupport: "Housing support"
        case .substanceMisuse: "Substance misuse support"
        case .mentalHealth: "Mental health support"
        case .idva: "IDVA support"
        case .probation: "Probation"
        case .educationSupport: "Education support"
        case .healthVisiting: "Health visiting"
        case .policing: "Policing"
        }
    }
}
