/// An agency that is party to the partnership: a police force, a council, a
/// health body, a housing provider, a charity.
public struct Partner: Sendable, Hashable, Codable {
    /// Short stable identifier used in extracts and URLs (`harrowmere-police`).
    public var slug: String
    public var name: String
    public var kind: PartnerKind
    public var icoRegistration: String?
    public var dpoContact: String?

    public init(slug: String, name: String, kind: PartnerKind,
                icoRegistration: String? = nil, dpoContact: String? = nil) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.icoRegistration = icoRegistration
        self.dpoContact = dpoContact
    }
}
