/// Where a panel case is in its life, from referral to closure.
///
/// Contract: raw values are stored; the only moves are those
/// ``PanelCaseTransition`` allows, each audited by the caller.
public enum PanelCaseState: String, Sendable, Codable, CaseIterable, Hashable {
    case referred, returned, accepted, listed, researched, heard
    case actionsOpen = "actions-open"
    case reviewed, closed
    case transferredOut = "transferred-out"

    public var label: String {
        switch self {
        case .actionsOpen: "Actions open"
        case .transferredOut: "Transferred out"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// Still the panel's business: repeats are watched for and actions tracked.
    public var isOpen: Bool { self != .closed && self != .transferredOut && self != .returned }
}

/// A step in a case's life.
public enum PanelCaseStep: Sendable, Hashable {
    case accept
    /// Back to the referrer, saying why (an incomplete or inappropriate referral).
    case giveBack(reason: String)
    /// Resubmitted by the referrer after a return.
    case resubmit
    case list
    /// Listed at once, outside the normal agenda cycle, for imminent risk.
    case emergencyList
    case researchComplete
    case hear
    case openActions
    case review
    case close(reason: String)
    case transferOut(toArea: String)
    /// Relisted after a repeat, a review or a transfer in.
    case reopen

    public var name: String {
        switch self {
        case .accept: "accept"
        case .giveBack: "return"
        case .resubmit: "resubmit"
        case .list: "list"
        case .emergencyList: "emergency-list"
        case .researchComplete: "research-complete"
        case .hear: "hear"
        case .openActions: "open-actions"
        case .review: "review"
        case .close: "close"
        case .transferOut: "transfer-out"
        case .reopen: "reopen"
        }
    }
}

/// The outcome of asking to move a case: the new state, or why not.
public enum PanelCaseTransition: Sendable, Hashable {
    case moves(to: PanelCaseState)
    case refused(PanelCaseRefusal)

    /// The rule table of a case's life. Pure: the same state and step always
    /// give the same answer.
    public static func apply(_ step: PanelCaseStep, to state: PanelCaseState) -> PanelCaseTransition {
        switch (state, step) {
        case (.referred, .accept): return .moves(to: .accepted)
        case (.referred, .giveBack(let reason)):
            return reason.isBlank ? .refused(.init(code: .reasonRequired, message: "Say why the referral is returned."))
                : .moves(to: .returned)
        case (.returned, .resubmit): return .moves(to: .referred)
        case (.accepted, .list): return .moves(to: .listed)
        case (.referred, .emergencyList), (.accepted, .emergencyList): return .moves(to: .listed)
        case (.listed, .researchComplete): return .moves(to: .researched)
        case (.listed, .hear), (.researched, .hear): return .moves(to: .heard)
        case (.heard, .openActions): return .moves(to: .actionsOpen)
        case (.heard, .review), (.actionsOpen, .review): return .moves(to: .reviewed)
        case (.reviewed, .close(let reason)), (.heard, .close(let reason)):
            return reason.isBlank ? .refused(.init(code: .reasonRequired, message: "Say why the case is closed."))
                : .moves(to: .closed)
        case (.reviewed, .reopen), (.closed, .reopen), (.transferredOut, .reopen): return .moves(to: .accepted)
        case (let from, .transferOut(let area)) where from.isOpen:
            return area.isBlank ? .refused(.init(code: .reasonRequired, message: "Name the area the case moves to."))
                : .moves(to: .transferredOut)
        default:
            return .refused(.init(code: .notAllowedNow,
                                  message: "A case that is \(state.label.lowercased()) cannot be moved by \"\(step.name)\"."))
        }
    }
}

/// Why a step was refused, with a stable code for tests and the audit.
public struct PanelCaseRefusal: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable { case reasonRequired = "reason-required", notAllowedNow = "not-allowed-now" }
    public var code: Code
    public var message: String
    public var description: String { message }

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
}
