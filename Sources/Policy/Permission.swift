/// Why an item may be read: the clause, and any break-glass grant it relied on.
///
/// Use ``reason`` for the audit entry and `clause.citation` on the page
/// ("shared under ..."); list reads with ``needsDPOReview`` on the DPO's
/// break-glass review queue. Contract: `breakGlass` is set exactly when the requester had no
/// qualifying relationship and a grant in force stood in for it; such reads
/// must be listed for the DPO's review.
public struct Permission: Sendable, Hashable {
    /// The clause that permits the item's own category.
    public let clause: Clause
    /// Clauses permitting the item's other visible field categories, if they differ.
    public let otherClauses: [Clause]
    public let breakGlass: BreakGlassGrant?

    public var needsDPOReview: Bool { breakGlass != nil }

    public var reason: String {
        var text = "permitted: " + clause.citation
        for other in otherClauses { text += "; also " + other.citation }
        if let breakGlass { text += "; BREAK-GLASS for DPO review: \(breakGlass.reason)" }
        return text
    }
}
