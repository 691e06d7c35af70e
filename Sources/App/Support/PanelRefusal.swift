/// The risk panels' refusals, part of the ``Refusal`` catalogue (as `.panel`):
/// who may see a panel's papers is the panel's own rule on top of the access
/// decision, so its words live together here.
///
/// Contract: each case has a stable ``code`` (prefixed `panel-` by ``Refusal``)
/// and names the real reason and the next step.
enum PanelRefusal: Sendable, Equatable {
    /// Meeting papers open to the chair, the coordinator and the meeting's attendees.
    case meetingNotOpenToCaller
    /// The confidentiality statement is accepted by attendees on the register.
    case statementOnlyForAttendees
    /// Published minutes go to the meeting's attendees.
    case minutesOnlyForAttendees
    /// A research task belongs to one partner on one meeting.
    case researchTaskOfAnotherPartner
    /// MATAC, ASB reviews and IOM steps need a named role.
    case roleRequired(who: String, what: String)
    /// Settings and case moves are the area's chair's and coordinator's.
    case areaStaffOnly
    /// Panels are for practitioners, chairs and coordinators.
    case panelsNotForRole
    /// A panel case's papers open to those on it.
    case notOnCase
    /// An action is updated by its owner or the panel's staff.
    case actionNotYours
    /// A partner system's token lacks the risk-panels purpose.
    case tokenNotForRiskPanels
    /// A partner posts DASHes only about people it holds.
    case personNotHeld(partner: String)
    /// A DASH is completed by someone working with the victim.
    case noWorkingRelationship

    var code: String {
        switch self {
        case .meetingNotOpenToCaller: "meeting-not-open"
        case .statementOnlyForAttendees: "statement-attendees-only"
        case .minutesOnlyForAttendees: "minutes-attendees-only"
        case .researchTaskOfAnotherPartner: "research-task-elsewhere"
        case .roleRequired: "role-required"
        case .areaStaffOnly: "area-staff-only"
        case .panelsNotForRole: "not-for-role"
        case .notOnCase: "not-on-case"
        case .actionNotYours: "action-not-yours"
        case .tokenNotForRiskPanels: "token-not-for-risk-panels"
        case .personNotHeld: "person-not-held"
        case .noWorkingRelationship: "no-working-relationship"
        }
    }

    var reason: String {
        switch self {
        case .meetingNotOpenToCaller:
            "Only the panel's chair and coordinator and the meeting's attendees can open this meeting."
        case .statementOnlyForAttendees:
            "Only attendees on the register accept the confidentiality statement."
        case .minutesOnlyForAttendees:
            "Minutes are published to the meeting's attendees only."
        case .researchTaskOfAnotherPartner:
            "This research task is for another partner or a meeting you are not on."
        case .roleRequired(let who, let what):
            "Only a \(who) may \(what)."
        case .areaStaffOnly:
            "Only the chair or coordinator of this panel area can do this."
        case .panelsNotForRole:
            "Risk panels are for practitioners, panel chairs and coordinators."
        case .notOnCase:
            "You are not on this panel case: its papers open to the panel's chair and coordinator, "
                + "the referrer, and attendees of a meeting listing it once they accept the confidentiality statement."
        case .actionNotYours:
            "Only the action's owner or the panel's chair or coordinator can update it."
        case .tokenNotForRiskPanels:
            "This token does not serve the risk-panels purpose."
        case .personNotHeld(let partner):
            "\(partner) holds no record of this person: post DASHes about your own clients."
        case .noWorkingRelationship:
            "You have no working relationship with this person: a DASH is completed by a practitioner working with the victim."
        }
    }

    var nextStep: String {
        switch self {
        case .meetingNotOpenToCaller, .statementOnlyForAttendees, .minutesOnlyForAttendees, .roleRequired, .notOnCase:
            "Ask the panel coordinator to add you if your work needs it."
        case .researchTaskOfAnotherPartner:
            "Open the research tasks from your own home page."
        case .areaStaffOnly, .actionNotYours:
            "Ask the panel's chair or coordinator to make the change."
        case .panelsNotForRole:
            "Your home page shows the work your roles allow; ask your partner administrator if your roles are wrong."
        case .tokenNotForRiskPanels:
            "Ask your partner administrator for a token made for the risk-panels purpose."
        case .personNotHeld, .noWorkingRelationship:
            "A practitioner working with the victim completes the DASH; refer to them."
        }
    }
}
