/// The policy's answer for a whole record (a person page, a family view, an
/// export): one ``AccessDecision`` per item, and what was withheld.
///
/// Use ``decisions`` (parallel to the items asked about) to render each item
/// and ``summary`` for the line under them ("3 further items held by 2
/// partners: request access"). Contract: ``summary`` and ``description``
/// count items and partners but never name a partner, because which agencies
/// know a person (a health body, a drug service) is itself sensitive;
/// ``withheld`` names holders only so the system can route access requests.
public struct RecordDecision: Sendable, Hashable {
    /// Items withheld from one holding partner, for routing access requests.
    public struct Withheld: Sendable, Hashable {
        public let holder: String
        public let items: Int
    }

    /// One decision per item, in the order the items were given.
    public let decisions: [AccessDecision]
    /// Set when the request itself failed rules 1-4: every item is denied with it.
    public let refusal: Denial?
    /// Per holding partner, sorted by slug: the denied items the requester may
    /// ask for (their denial's next step is ``Denial/NextStep/requestAccess(holder:)``).
    /// Empty when no access request could help (an administrator, a purpose
    /// the role lacks, an expired break-glass, depersonalised evaluation).
    public let withheld: [Withheld]

    init(items: [HeldItem], refusal: Denial) {
        self.init(items: items, decisions: Array(repeating: .deny(refusal), count: items.count), refusal: refusal)
    }

    init(items: [HeldItem], decisions: [AccessDecision], refusal: Denial?) {
        self.decisions = decisions
        self.refusal = refusal
        var counts: [String: Int] = [:]
        for (item, decision) in zip(items, decisions) {
            if case .requestAccess = decision.denial?.nextStep { counts[item.holder, default: 0] += 1 }
        }
        withheld = counts.map { Withheld(holder: $0.key, items: $0.value) }.sorted { $0.holder < $1.holder }
    }

    /// Positions of the items that may be shown (some perhaps with masked fields).
    public var visibleIndices: [Int] { decisions.indices.filter { decisions[$0].isPermitted } }

    public var withheldItemCount: Int { withheld.reduce(0) { $0 + $1.items } }

    /// Whether any shown item relied on break-glass and must go to the DPO.
    public var needsDPOReview: Bool { decisions.contains { $0.permission?.needsDPOReview ?? false } }

    /// The audit outcome for the whole read: `deny` when nothing is shown,
    /// `permit` when every item is shown in full, else `permit_with_masking`
    /// (some items withheld or some fields masked).
    public var auditCode: String {
        if visibleIndices.isEmpty { return "deny" }
        return decisions.allSatisfy({ if case .permit = $0 { true } else { false } }) ? "permit" : "permit_with_masking"
    }

    /// A line to show under the record, or `nil` when nothing is withheld.
    public var summary: String? {
        if let refusal, withheld.isEmpty { return refusal.description }
        guard !withheld.isEmpty else { return nil }
        let partners = withheld.count == 1 ? "1 partner" : "\(withheld.count) partners"
        if refusal != nil {
            return "Known to \(partners). You have no relationship with this person that allows more: "
                + "request access (request and response); each holding partner decides."
        }
        let items = withheldItemCount == 1 ? "1 further item" : "\(withheldItemCount) further items"
        return "\(items) held by \(partners): request access."
    }
}
