/// One rule of the access policy: looks at the request and says whether it
/// meets the rule, or fails with a reason.
///
/// Write each rule as a small struct and compose them in order with
/// ``AccessRuleBuilder``; ``AccessPolicy`` runs them before looking at the
/// agreements. Contract: a rule is pure (no clock, no I/O: the time is in the
/// request), returns a value rather than throwing, and a failing rule stops
/// the check so later rules never run.
public protocol AccessRule: Sendable {
    /// - Parameters:
    ///   - request: the whole request, including the time.
    ///   - holder: the holding partner when the decision is about one item, so
    ///     a denial can say whom to ask; `nil` for a whole record.
    func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict
}

/// The partner holding the item a decision is about: its slug and its name for messages.
public struct HoldingPartner: Sendable, Hashable {
    public let slug: String
    public let name: String

    public init(slug: String, name: String) {
        self.slug = slug
        self.name = name
    }
}

/// The outcome of one ``AccessRule``.
public enum RuleVerdict: Sendable, Hashable {
    case meetsPolicy
    case fails(Denial)
}
