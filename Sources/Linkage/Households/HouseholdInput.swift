/// A period when a person is known to have lived at an address: input to household grouping.
///
/// Contract: `uprn` wins when present; otherwise the address line and postcode are
/// standardised and must include a valid postcode to count. `from`/`to` are dates
/// (`YYYY-MM-DD` or `DD/MM/YYYY`); a missing or unreadable `from` means "since an unknown
/// date", a missing `to` means "still there".
public struct AddressEpisode: Hashable, Sendable, Codable {
    public var personID: Int
    public var uprn: String?
    public var addressLine: String?
    public var postcode: String?
    public var from: String?
    public var to: String?

    public init(personID: Int, uprn: String? = nil, addressLine: String? = nil, postcode: String? = nil,
                from: String? = nil, to: String? = nil) {
        self.personID = personID
        self.uprn = uprn
        self.addressLine = addressLine
        self.postcode = postcode
        self.from = from
        self.to = to
    }
}

/// A relationship a partner declared between two people.
///
/// Contract: `kind` says what `personID` is to `relatedPersonID` (a parent of, a carer of).
public struct DeclaredRelationship: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case parent, child, partner, sibling, carer
    }

    public var personID: Int
    public var relatedPersonID: Int
    public var kind: Kind

    public init(personID: Int, relatedPersonID: Int, kind: Kind) {
        self.personID = personID
        self.relatedPersonID = relatedPersonID
        self.kind = kind
    }
}

/// Why two people are in one household.
public enum HouseholdEvidence: Hashable, Sendable, Codable {
    /// Both lived at `address` over the dates given (nil: open-ended).
    case sharedAddress(personA: Int, personB: Int, address: String, overlapFrom: String?, overlapTo: String?)
    case declared(DeclaredRelationship)
}

/// People grouped as one household, with the evidence that joined them.
///
/// Contract: `members` are person ids in ascending order; every member is joined to the
/// others through a chain of `evidence` entries.
public struct Household: Hashable, Sendable, Codable {
    public var id: Int
    public var members: [Int]
    public var evidence: [HouseholdEvidence]
}

/// The households found, and the addresses set aside as communal (hostels, care homes).
public struct HouseholdGrouping: Sendable, Codable {
    public var households: [Household]
    /// Addresses with more people at one time than `maximumHouseholdSize`: not households.
    public var communalAddresses: [String]
}
