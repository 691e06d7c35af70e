/// What was done, in an ``AuditEntry``.
///
/// Use the case that matches the operation the caller attempted, whether or not it was
/// permitted: a refused read is still `.read` with decision `.deny`.
///
/// Contract: raw values are written into the hashed entry bytes, so they are stable forever;
/// new cases may be added (with a new raw value), existing ones never renamed.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Personal data was viewed or returned by an API.
    case read
    /// A record was created, changed or deleted.
    case write
    /// A partner extract was loaded.
    case `import`
    /// Data left the system (download, report, subject access response).
    case export
    /// A user signed in, or tried to.
    case signIn = "sign_in"
    /// A policy decision recorded on its own (for example a pre-check before a view).
    case accessDecision = "access_decision"
    /// Emergency access outside the normal rules, with its stated reason.
    case breakGlass = "break_glass"
}
