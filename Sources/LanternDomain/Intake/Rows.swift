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

/// A person as one partner knows them, encoded: the CLK (base64, as `lantern encode` and
/// clkhash write it) stands for the identifiers the partner may not send.
public struct EncodedPersonRow: Sendable, Hashable, Codable {
    public var recordID: String
    public var clk: String
    public var partnerPersonID: String?

    public init(recordID: String, clk: String, partnerPersonID: String?) {
        self.recordID = recordID
        self.clk = clk
        self.partnerPersonID = partnerPersonID
    }
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
    case encodedPerson(EncodedPersonRow)

    public var recordID: String {
        switch self {
        case .encodedPerson(let row): row.recordID
        case .person(let row): row.recordID
        case .event(let row): row.recordID
        case .involvement(let row): row.recordID
        }
    }

    /// The data category an agreement's flow must cover to share this row.
    public var dataCategory: DataCategory {
        switch self {
        // An encoding is still identity data, only pseudonymised: the agreement must cover identity.
        case .person, .encodedPerson: .identity
        case .event(let row): row.category.dataCategory
        case .involvement: .involvement
        }
    }
}
