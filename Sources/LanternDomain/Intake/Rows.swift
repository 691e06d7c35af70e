/// A person as one partner knows them, validated from a people extract row.
public struct PersonRow: Sendable, Hashable, Codable {
    public var recordID: String
    public var givenNames: String
    public var familyName: String
    public var otherNames: [String]
    public var dateOfBirth: CalendarDate?
    public var sex: Sex?
    public var addressLine: String?
    public var postcode: Postcode?
    public var uprn: String?
    public var addressFrom: CalendarDate?
    public var phone: String?
    public var email: String?
    public var nhsNumber: NHSNumber?
    public var croNumber: CRONumber?
    public var relatedRecordID: String?
    public var relationship: Relationship?
    /// The ONS 2021 high-level ethnic group, where the partner records it (optional; used only in equality reports).
    public var ethnicity: EthnicGroup? = nil
}

/// Something a partner recorded about a person, validated from an events row.
public struct EventRow: Sendable, Hashable, Codable {
    public var recordID: String
    public var personRecordID: String
    public var category: EventCategory
    public var role: PersonRole
    public var occurredOn: CalendarDate
    public var summary: String?
    public var locationPostcode: Postcode?
    public var nature: Nature
    public var opinionBasis: String?
    public var lastActionOn: CalendarDate?
    public var closedOn: CalendarDate?
}

/// A service working with a person, validated from an involvements row.
public struct InvolvementRow: Sendable, Hashable, Codable {
    public var recordID: String
    public var personRecordID: String
    public var service: String
    public var workType: WorkType
    public var workerName: String?
    public var workerRole: String?
    public var leadProfessional: Bool
    public var contact: String?
    public var startedOn: CalendarDate
    public var endedOn: CalendarDate?
}

/// A row that passed every check, ready to store.
public enum ValidatedRow: Sendable, Hashable {
    case person(PersonRow)
    case event(EventRow)
    case involvement(InvolvementRow)

    public var recordID: String {
        switch self {
        case .person(let row): row.recordID
        case .event(let row): row.recordID
        case .involvement(let row): row.recordID
        }
    }

    /// The data category an agreement's flow must cover to share this row.
    public var dataCategory: DataCategory {
        switch self {
        case .person: .identity
        case .event(let row): row.category.dataCategory
        case .involvement: .involvement
        }
    }
}
