/// Who is asking: the signed-in user, the partner they work for, their roles.
///
/// Build one per request from the authenticated account and pass it into
/// every ``AccessRequest``; there is no ambient current user. Contract: the
/// partner is the slug agreements use (`harrowmere-police`).
public struct Requester: Sendable, Hashable, Codable {
    public var userID: String
    public var partner: String
    public var roles: Set<Role>

    public init(userID: String, partner: String, roles: Set<Role>) {
        self.userID = userID
        self.partner = partner
        self.roles = roles
    }

    /// Builds a requester from the role names stored on an account, ignoring
    /// names that are not roles (an unknown name grants nothing).
    public init(userID: String, partner: String, roleNames: some Sequence<String>) {
        self.init(userID: userID, partner: partner, roles: Set(roleNames.compactMap(Role.init(rawValue:))))
    }
}
