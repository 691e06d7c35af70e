/// The consultation with the partners a breach affects (Information Sharing
/// Protocol, section 10): each partner's view on the reporting decision,
/// agree or disagree with a note, and where any partner disagrees, the
/// protocol owner's decision, which the breach cannot be closed without.
///
/// Instants are seconds since 1970 (UTC), passed in: it reads no clock.
public struct BreachConsultation: Sendable, Hashable, Codable {
    public struct PartnerView: Sendable, Hashable, Codable {
        public var partner: String
        public var agrees: Bool
        public var note: String
        public var at: Int64
    }

    public struct OwnerDecision: Sendable, Hashable, Codable {
        public var decision: String
        public var by: String
        public var at: Int64
    }

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case notAnAffectedPartner(String), noView, noNote, noDisagreement, noDecision, noOwner, ownerDecisionNeeded, alreadyClosed

        public var description: String {
            switch self {
            case .notAnAffectedPartner(let partner): "\(partner.isEmpty ? "That" : partner) is not a partner this breach affects: choose one of the holding partners."
            case .noView: "Say whether the partner agrees or disagrees with the reporting decision."
            case .noNote: "Add a note of the partner's view."
            case .noDisagreement: "No partner disagrees, so there is nothing for the protocol owner to decide."
            case .noDecision: "Write the protocol owner's decision."
            case .noOwner: "Say who the protocol owner is who decided."
            case .ownerDecisionNeeded: "A partner disagrees with the reporting decision: record the protocol owner's decision before closing."
            case .alreadyClosed: "This breach is closed."
            }
        }
    }

    public var views: [PartnerView] = []
    public var ownerDecision: OwnerDecision?

    public init(views: [PartnerView] = [], ownerDecision: OwnerDecision? = nil) {
        self.views = views
        self.ownerDecision = ownerDecision
    }

    public var anyDisagrees: Bool { views.contains { !$0.agrees } }

    /// Records (or replaces) one affected partner's view.
    public func recording(partner: String, view: String?, note: String, affected: [String], at: Int64) throws -> BreachConsultation {
        guard affected.contains(partner) else { throw Refusal.notAnAffectedPartner(partner) }
        guard let view, view == "agree" || view == "disagree" else { throw Refusal.noView }
        let note = Self.trimmed(note)
        guard !note.isEmpty else { throw Refusal.noNote }
        var next = self
        next.views.removeAll { $0.partner == partner }
        next.views.append(PartnerView(partner: partner, agrees: view == "agree", note: String(note.prefix(2_000)), at: at))
        next.views.sort { $0.partner < $1.partner }
        return next
    }

    /// Records the protocol owner's decision, which only a disagreement calls for.
    public func deciding(_ decision: String, by owner: String, at: Int64) throws -> BreachConsultation {
        guard anyDisagrees else { throw Refusal.noDisagreement }
        let decision = Self.trimmed(decision), owner = Self.trimmed(owner)
        guard !decision.isEmpty else { throw Refusal.noDecision }
        guard !owner.isEmpty else { throw Refusal.noOwner }
        var next = self
        next.ownerDecision = OwnerDecision(decision: String(decision.prefix(2_000)), by: String(owner.prefix(300)), at: at)
        return next
    }

    /// Refuses closing while a disagreement has no owner's decision.
    public func checkClosable() throws {
        if anyDisagrees && ownerDecision == nil { throw Refusal.ownerDecisionNeeded }
    }

    public static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
