import LanternDomain

/// The policy's answer for one item: permit, permit with some field
/// categories masked, or deny, always with the reason.
///
/// Use ``reveal(_:as:)`` to turn each field into a ``Visible`` value before
/// rendering, and ``auditCode`` plus ``reason`` when writing the audit entry.
/// Contract: a permission names the clause that allows the item's own
/// category; every masked category has its own ``Denial``; a masked category
/// is never the item's own category (that would be a denial).
public enum AccessDecision: Sendable, Hashable {
    case permit(Permission)
    case permitWithMasking(masked: CategorySet, Permission, reasons: [Masking])
    case deny(Denial)

    public var isPermitted: Bool {
        if case .deny = self { false } else { true }
    }

    public var permission: Permission? {
        switch self {
        case .permit(let permission), .permitWithMasking(_, let permission, _): permission
        case .deny: nil
        }
    }

    public var denial: Denial? {
        if case .deny(let denial) = self { denial } else { nil }
    }

    /// Categories the viewer must not see: none for a permit, all for a denial.
    public var masked: CategorySet {
        switch self {
        case .permit: []
        case .permitWithMasking(let masked, _, _): masked
        case .deny: .all
        }
    }

    /// Whether a field of `category` may be shown.
    public func shows(_ category: DataCategory) -> Bool {
        switch self {
        case .permit: true
        case .permitWithMasking(let masked, _, _): !masked.contains(category)
        case .deny: false
        }
    }

    /// The field as the viewer may see it. The value is not even evaluated
    /// when it is masked, so it cannot reach any serialisation.
    public func reveal<Value>(_ value: @autoclosure () -> Value, as category: DataCategory) -> Visible<Value> {
        shows(category) ? .shown(value()) : .masked(category)
    }

    /// The raw value of the ledger's `AuditDecision` (`permit`,
    /// `permit_with_masking`, `deny`), so callers record exactly this outcome.
    public var auditCode: String {
        switch self {
        case .permit: "permit"
        case .permitWithMasking: "permit_with_masking"
        case .deny: "deny"
        }
    }

    /// One line for the audit trail and for pages.
    public var reason: String {
        switch self {
        case .permit(let permission):
            permission.reason
        case .permitWithMasking(let masked, let permission, _):
            "\(permission.reason); masked: \(masked.map(\.rawValue).joined(separator: ", "))"
        case .deny(let denial):
            "\(denial.code): \(denial.description)"
        }
    }
}
