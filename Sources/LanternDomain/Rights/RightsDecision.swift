/// The DPO's answer to an objection (UK GDPR Art 21) or an erasure request
/// (Art 17), for the request's record and what follows from it.
///
/// Use ``objection(compellingGrounds:)`` and ``erasure(agreed:reason:)`` to
/// make one from the DPO's form. Contract: an objection is upheld (the
/// subject leaves case finding) unless compelling grounds are given in
/// words; an erasure refused needs its reason (often public task, legal
/// obligation or law enforcement), one agreed goes through disposal.
public struct RightsDecision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Objection: processing for case finding stops.
        case objectionUpheld = "objection-upheld"
        /// Objection: compelling legitimate grounds override it (Art 21(1)).
        case compellingGrounds = "compelling-grounds"
        case erasureAgreed = "erasure-agreed"
        case erasureRefused = "erasure-refused"

        public var label: String {
            switch self {
            case .objectionUpheld: "Objection upheld: left case finding"
            case .compellingGrounds: "Compelling grounds recorded: stays in case finding"
            case .erasureAgreed: "Erasure agreed: sent to disposal"
            case .erasureRefused: "Erasure refused"
            }
        }
    }

    /// Why a decision is refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: String, Sendable, Hashable { case noReason = "no-reason" }
        public let code: Code
        public let description: String
    }

    public var outcome: Outcome
    public var reason: String?

    /// A decision as stored; forms go through ``objection(compellingGrounds:)`` and ``erasure(agreed:reason:)``.
    public init(outcome: Outcome, reason: String?) {
        self.outcome = outcome
        self.reason = reason
    }

    /// An objection's answer: `compellingGrounds` in words keeps the subject
    /// in case finding; none (or blank) takes them out.
    public static func objection(compellingGrounds: String?) -> RightsDecision {
        let grounds = (compellingGrounds ?? "").trimmingSpaces()
        return grounds.isEmpty ? RightsDecision(outcome: .objectionUpheld, reason: nil)
            : RightsDecision(outcome: .compellingGrounds, reason: String(grounds.prefix(1_000)))
    }

    /// An erasure request's answer; refusing it without a reason is refused.
    public static func erasure(agreed: Bool, reason: String?) throws -> RightsDecision {
        let reason = (reason ?? "").trimmingSpaces()
        if agreed { return RightsDecision(outcome: .erasureAgreed, reason: reason.isEmpty ? nil : String(reason.prefix(1_000))) }
        guard !reason.isEmpty else {
            throw Refusal(code: .noReason, description: "Say why erasure is refused (for example: the records are kept for a public task or under MoPI): the person must be told, and may complain to the ICO.")
        }
        return RightsDecision(outcome: .erasureRefused, reason: String(reason.prefix(1_000)))
    }

    /// Whether this decision takes the subject out of case finding.
    public var leavesCaseFinding: Bool { outcome == .objectionUpheld }
}
