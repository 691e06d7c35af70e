/// A user's working relationship with the person they want to read about.
///
/// Use it in ``AccessRequest/relationships``; the caller looks these up from
/// allocations, panel membership and authorship before asking. Contract: a
/// practitioner with none of these sees only that the person is known to
/// partners, unless break-glass is in force.
public enum CaseRelationship: String, Sendable, Codable, CaseIterable, Hashable {
    /// The user is the allocated worker (or in the allocated team) for the person.
    case allocatedWorker = "allocated-worker"
    /// The person is on a panel case (MARAC, community risk panel, IOM) the user sits on.
    case panelMember = "panel-member"
    /// The user wrote a record about the person.
    case recordAuthor = "record-author"
    /// The person is the subject of a recorded rights request (access,
    /// rectification, erasure...) the user is answering. Only this stands in
    /// for a relationship under the `rights-request` purpose.
    case rightsRequestSubject = "rights-request-subject"

    /// Relationships that make someone's work with the person: a rights
    /// request is not casework, so it never meets a practitioner's need.
    public var isCasework: Bool { self != .rightsRequestSubject }
}
