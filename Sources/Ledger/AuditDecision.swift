/// The access decision recorded in an ``AuditEntry``.
///
/// Use the value `Policy` returned for the operation; denials are recorded too, so that a
/// reviewer can see who tried to see what and was refused.
///
/// Contract: raw values are written into the hashed entry bytes, so they are stable forever.
public enum AuditDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Allowed in full.
    case permit
    /// Allowed with some fields masked.
    case permitWithMasking = "permit_with_masking"
    /// Refused.
    case deny
}
