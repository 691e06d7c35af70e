/// One question for the policy: may this requester, for this purpose, read
/// about this person now?
///
/// Build one per page or API call and pass it to ``AccessPolicy/decide(_:item:)``
/// or ``AccessPolicy/decide(_:record:)``. Contract: every input is explicit,
/// including the time, so the same request always gets the same answer; the
/// caller looks up `relationships` for this subject before asking.
public struct AccessRequest: Sendable, Hashable, Codable {
    public var requester: Requester
    public var purpose: AccessPurpose
    /// The person being read about (a person id as the store spells it).
    public var subject: String
    /// The requester's relationships with `subject`.
    public var relationships: Set<CaseRelationship>
    /// Emergency access in force, if the requester declared one.
    public var breakGlass: BreakGlassGrant?
    /// Partners that granted the requester's access request about `subject`
    /// (request and response) and whose grant is still in force. A grant
    /// stands in for the relationship for that partner's items only; an
    /// agreement must still carry each category.
    public var grantedBy: Set<String>
    public var now: Moment

    public init(requester: Requester, purpose: AccessPurpose, subject: String,
                relationships: Set<CaseRelationship> = [], breakGlass: BreakGlassGrant? = nil,
                grantedBy: Set<String> = [], now: Moment) {
        self.requester = requester
        self.purpose = purpose
        self.subject = subject
        self.relationships = relationships
        self.breakGlass = breakGlass
        self.grantedBy = grantedBy
        self.now = now
    }

    enum CodingKeys: String, CodingKey { case requester, purpose, subject, relationships, breakGlass, grantedBy, now }

    /// Older encodings have no grants.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requester = try container.decode(Requester.self, forKey: .requester)
        purpose = try container.decode(AccessPurpose.self, forKey: .purpose)
        subject = try container.decode(String.self, forKey: .subject)
        relationships = try container.decode(Set<CaseRelationship>.self, forKey: .relationships)
        breakGlass = try container.decodeIfPresent(BreakGlassGrant.self, forKey: .breakGlass)
        grantedBy = try container.decodeIfPresent(Set<String>.self, forKey: .grantedBy) ?? []
        now = try container.decode(Moment.self, forKey: .now)
    }
}
