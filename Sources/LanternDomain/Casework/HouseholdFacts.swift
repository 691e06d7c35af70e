/// What the partnership knows about one household, as input to needs,
/// case finding and alerts.
///
/// Use it as the single, pure input: the caller gathers members, events and
/// whether a lead professional is in place (from the team around the family),
/// then passes it in with the reference day. Contract: `householdID` is unique
/// across the households in one case-finding list; events name the person they
/// are about by `personID` and carry the partner's name as the practitioner
/// should read it ("Harrowmere Police"). An event about someone who is not a
/// member counts for rules without an age band only.
public struct HouseholdFacts: Sendable, Hashable, Codable {
    /// One person in the household.
    public struct Member: Sendable, Hashable, Codable {
        public var personID: String
        public var dateOfBirth: CalendarDate?

        public init(personID: String, dateOfBirth: CalendarDate? = nil) {
            self.personID = personID
            self.dateOfBirth = dateOfBirth
        }
    }

    public var householdID: String
    /// Postcode district of the household's address (`SS14`), for the area filter.
    public var postcodeDistrict: String?
    /// True when a lead professional is already working with the family; such a
    /// household never appears on the case-finding list.
    public var hasLeadProfessional: Bool
    public var members: [Member]
    public var events: [HouseholdEvent]

    public init(householdID: String, postcodeDistrict: String? = nil, hasLeadProfessional: Bool = false,
                members: [Member], events: [HouseholdEvent] = []) {
        self.householdID = householdID
        self.postcodeDistrict = postcodeDistrict
        self.hasLeadProfessional = hasLeadProfessional
        self.members = members
        self.events = events
    }

    /// Date of birth of a member, if known.
    public func dateOfBirth(of personID: String) -> CalendarDate? {
        members.first { $0.personID == personID }?.dateOfBirth
    }
}

/// Something a partner recorded about one person in a household, as the
/// needs, score and alert rules read it.
///
/// Contract: `eventID` is unique within a household (it identifies the event in
/// evidence and makes alerts idempotent); `partner` is a display name.
public struct HouseholdEvent: Sendable, Hashable, Codable {
    public var eventID: String
    public var personID: String
    public var category: EventCategory
    public var role: PersonRole
    public var occurredOn: CalendarDate
    /// The recording partner's name as a practitioner reads it ("Harrowmere Police").
    public var partner: String

    public init(eventID: String, personID: String, category: EventCategory, role: PersonRole,
                occurredOn: CalendarDate, partner: String) {
        self.eventID = eventID
        self.personID = personID
        self.category = category
        self.role = role
        self.occurredOn = occurredOn
        self.partner = partner
    }
}
