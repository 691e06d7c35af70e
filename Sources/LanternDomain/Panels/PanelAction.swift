/// An action agreed at a panel: what is to be done, to protect whom, by
/// which partner and named owner, by when, and how it ended.
///
/// Contract: ``problems`` names every missing field (text, owner, due date);
/// an open action past its due date is overdue and its owner and the chair
/// are told. "Not done" keeps apart a change of circumstances from an agency
/// not acting (SafeLives minutes checklist).
public struct PanelAction: Sendable, Codable, Hashable {
    public var text: String
    public var protects: ActionProtects
    public var owningPartner: String
    public var owner: String
    public var due: CalendarDate?
    public var status: ActionStatus
    public var outcome: String

    public init(text: String, protects: ActionProtects, owningPartner: String, owner: String, due: CalendarDate?,
                status: ActionStatus = .open, outcome: String = "") {
        self.text = text
        self.protects = protects
        self.owningPartner = owningPartner
        self.owner = owner
        self.due = due
        self.status = status
        self.outcome = outcome
    }

    public var problems: [PanelFieldProblem] {
        var found: [PanelFieldProblem] = []
        if text.isBlank { found.append(.init(field: "text", message: "say what is to be done")) }
        if owningPartner.isBlank { found.append(.init(field: "owningPartner", message: "choose the partner that owns the action")) }
        if owner.isBlank { found.append(.init(field: "owner", message: "name the person who owns the action")) }
        if due == nil { found.append(.init(field: "due", message: "give a due date as YYYY-MM-DD")) }
        if status.needsOutcome && outcome.isBlank {
            found.append(.init(field: "outcome", message: "say what happened: \(status.label.lowercased()) needs an outcome note"))
        }
        return found
    }

    public func isOverdue(on today: CalendarDate) -> Bool {
        guard status == .open, let due else { return false }
        return due < today
    }
}

/// Whom an action protects (SafeLives principle 6: victim, children, perpetrator behaviour).
public enum ActionProtects: String, Sendable, Codable, CaseIterable, Hashable {
    case victim, child, perpetrator, other
    public var label: String { rawValue.initialCapital }
}

public enum ActionStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case open, done
    case notDoneCircumstancesChanged = "not-done-circumstances-changed"
    case notDoneByAgency = "not-done-by-agency"

    public var label: String {
        switch self {
        case .open: "Open"
        case .done: "Done"
        case .notDoneCircumstancesChanged: "Not done: circumstances changed"
        case .notDoneByAgency: "Not done by the agency"
        }
    }

    public var needsOutcome: Bool { self != .open }
}
