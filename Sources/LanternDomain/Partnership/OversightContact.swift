/// A named manager who oversees sharing under an agreement for one partner:
/// the person partners contact about a breach, a dispute or a review.
///
/// Use it to list an agreement's managerial oversight. Contract: a work
/// contact only (role mailbox or phone); never a data subject's details.
public struct OversightContact: Sendable, Hashable, Codable {
    /// Slug of the partner the contact works for.
    public var partner: String
    public var name: String
    /// Their role in the partnership ("Senior Information Risk Owner").
    public var role: String
    public var contact: String

    public init(partner: String, name: String, role: String, contact: String) {
        self.partner = partner
        self.name = name
        self.role = role
        self.contact = contact
    }
}
