/// A change to an agreement's status, as the DPO asks for it.
///
/// Use ``Agreement/applying(_:on:)`` to get the next version or the reason
/// it cannot be made. Contract: the allowed moves are draft -> for approval
/// -> approved, for approval -> draft (returned for changes), new terms for
/// a draft or one awaiting approval (back to draft), approved <->
/// suspended, and anything not yet withdrawn -> withdrawn with at least
/// four weeks' notice. Withdrawn is final.
public enum AgreementChange: Sendable, Hashable, Codable {
    /// Send a draft to the partnership board for approval.
    case submit
    /// Send an agreement awaiting approval back to draft.
    case returnToDraft
    /// Approve it: who approved it (the board or the named officer).
    case approve(by: String)
    /// Stop all sharing under it until it is reinstated.
    case suspend
    /// Lift a suspension.
    case reinstate
    /// A partner gives notice; nothing new is shared from `effectiveOn`.
    case withdraw(partner: String, effectiveOn: CalendarDate)
    /// New terms (flows and review date) for an agreement not yet approved;
    /// it returns to draft, to be submitted and approved again.
    case revise(flows: [Flow], reviewDue: CalendarDate)

    /// The status the change leads to.
    public var target: AgreementStatus {
        switch self {
        case .submit: .forApproval
        case .returnToDraft, .revise: .draft
        case .approve, .reinstate: .approved
        case .suspend: .suspended
        case .withdraw: .withdrawn
        }
    }

    /// A verb for pages and the audit trail.
    public var name: String {
        switch self {
        case .submit: "submit"
        case .returnToDraft: "return-to-draft"
        case .approve: "approve"
        case .suspend: "suspend"
        case .reinstate: "reinstate"
        case .withdraw: "withdraw"
        case .revise: "revise"
        }
    }
}
