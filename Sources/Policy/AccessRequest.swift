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
    public var now: Moment

    public init(requester: Requester, purpose: AccessPurpose, subject: String,
                relationships: Set<CaseRelationship> = [], breakGlass: BreakGlassGrant? = nil, now: Moment) {
        self.requester = requester
        self.purpose = purpose
        self.subject = subject
        self.relationships = relationships
        self.breakGlass = breakGlass
        self.now = now
    }
}
