import Foundation
import LanternDomain
import Storage

/// One request as the DPO's list shows it, with its clock worked out for today.
struct RightsRequestRow: Encodable {
    struct Action: Encodable {
        var path: String
        var label: String
        /// Whether the step needs words (how identity was checked, why longer, what was done).
        var needsNote: Bool
        var id: String
    }
    var id: UUID
    var reference: String
    var personPath: String
    var kinds: String
    var regimes: String
    var received: String
    var due: String
    var state: String
    var overdue: Bool
    var open: Bool
    var actions: [Action]
    /// The disclosure pack, for an open access request with identity settled.
    var packPath: String?
    /// The partners' review, redactions, disputes and decisions, once identity is settled.
    var reviewPath: String?

    init(_ request: StoredRightsRequest, today: CalendarDate, restricted: Bool) {
        id = request.id
        reference = request.reference
        personPath = "/people/\(request.personID.uuidString)"
        kinds = request.kinds.map(\.label).joined(separator: "; ")
        regimes = request.regimes.map(\.label).joined(separator: " and ")
        received = request.clock.received.description
        open = request.status == .open
        let clock = request.clock
        let left = clock.daysLeft(asOf: today)
        due = clock.dueDate(asOf: today).map { "\($0)" + (clock.extendedOn != nil ? " (extended)" : "") } ?? "not running"
        overdue = open && (left ?? 0) < 0
        if restricted {
            kinds += " (restricted now)"
        }
        if !open {
            state = "Closed \(request.closedOn?.description ?? ""): \(request.outcome ?? "")"
        } else if clock.start == nil {
            state = "Paused: waiting for proof of identity"
        } else if clock.isPaused {
            state = "Paused: waiting for clarification"
        } else if let left {
            state = left < 0 ? "Overdue by \(-left) day(s)" : "\(left) day(s) left"
        } else {
            state = "Open"
        }
        var actions: [Action] = []
        if open {
            func add(_ step: RightsRequestStep, _ label: String, note: Bool) {
                actions.append(Action(path: RightsRequestPaths.step(step, of: request.id), label: label, needsNote: note,
                                      id: "\(step.rawValue)-\(request.reference)"))
            }
            if clock.identityAskedFor && clock.identityVerified == nil { add(.verify, "Identity confirmed", note: true) }
            if clock.start != nil {
                if clock.pauses.contains(where: { $0.until == nil }) { add(.resume, "Clarification received", note: false) }
                else { add(.pause, "Ask for clarification (pause)", note: false) }
                if clock.extendedOn == nil { add(.extend, "Extend by two months", note: true) }
            }
            if request.kinds.contains(.restriction) && clock.start != nil {
                if restricted { add(.liftRestriction, "Lift the restriction", note: true) }
                else { add(.restrict, "Restrict use of their data", note: false) }
            }
            add(.close, "Close with the outcome", note: true)
        }
        self.actions = actions
        reviewPath = open && clock.start != nil ? "/rights-requests/\(request.id.uuidString)/review" : nil
        packPath = open && request.kinds.contains(.access) && clock.start != nil ? "/rights-requests/\(request.id.uuidString)/pack" : nil
    }
}

struct RightsRequestsPage: Encodable {
    var caller: CallerView
    var csrf: String
    var requests: [RightsRequestRow]
    var today: String
    var problem: String?
    var done: String?
}

struct RightsRequestCandidate: Encodable {
    var personID: UUID
    var partners: Int
    /// Whether the postcode given agrees with one held; `nil` when none was given.
    var postcodeNote: String?
}

struct RightsRequestFindPage: Encodable {
    struct Kind: Encodable { var value: String; var label: String }
    var caller: CallerView
    var csrf: String
    var name: String
    var born: String
    var postcode: String
    var searched: Bool
    var candidates: [RightsRequestCandidate]
    var kinds: [Kind]
    var today: String
    var problem: String?
}
