import Foundation
import LanternDomain
import Storage

/// A case as a row on lists and agendas.
struct PanelCaseRow: Encodable {
    var id: UUID
    var reference: String
    var state: String
    var victim: String
    var routes: String
    var referredOn: String
    var emergency: Bool
    var note: String?

    init(_ stored: StoredMaracCase, names: [UUID: String]) {
        id = stored.id
        reference = stored.reference
        state = stored.state.label
        victim = names[stored.victim] ?? "Name withheld"
        routes = stored.routes.map(\.code).joined(separator: ", ")
        referredOn = stored.referredOn.description
        emergency = stored.emergency
        note = stored.note
    }
}

struct PanelMeetingRow: Encodable {
    var id: UUID
    var heldOn: String
    var venue: String
    var state: String
    init(_ meeting: StoredPanelMeeting) {
        id = meeting.id
        heldOn = meeting.heldOn.description
        venue = meeting.venue
        state = meeting.state
    }
}

struct PanelActionRow: Encodable {
    var id: UUID
    var caseID: UUID
    var reference: String
    var text: String
    var protects: String
    var partner: String
    var owner: String
    var due: String
    var status: String
    var statusCode: String
    var outcome: String
    var overdue: Bool

    init(_ stored: StoredPanelAction, reference: String, partnerName: String, today: CalendarDate, protects: String? = nil) {
        id = stored.id
        caseID = stored.caseID
        self.reference = reference
        text = stored.action.text
        self.protects = protects ?? stored.action.protects.label
        partner = partnerName
        owner = stored.action.owner
        due = stored.action.due?.description ?? ""
        status = stored.action.status.label
        statusCode = stored.action.status.rawValue
        outcome = stored.action.outcome
        overdue = stored.action.isOverdue(on: today)
    }
}

struct PanelAreaRow: Encodable {
    var slug: String
    var name: String
    var kind: String
    /// The column heading for the person each case is about, in this panel type's words.
    var subject: String
    var showsDASH: Bool
    var version: Int
    var functions: String
    var highThreshold: Int
    var escalation: String
    var minutesDays: Int
    var cases: [PanelCaseRow]
    var referred: [PanelCaseRow]
    var carried: [PanelCaseRow]
    var lapsing: [PanelCaseRow]
    var meetings: [PanelMeetingRow]
    var overdue: [PanelActionRow]
}

struct PanelsHome: Encodable {
    var caller: CallerView
    var csrf: String
    var problem: String?
    var done: String?
    var areas: [PanelAreaRow]
    var myReferrals: [PanelCaseRow]
    var myMeetings: [PanelMeetingRow]
    var myActions: [PanelActionRow]
    var researchDue: Int
    var canAssess: Bool
}

struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

struct DashQuestionRow: Encodable {
    var id: String
    var label: String
    var number: Int
    var answer: String
}

struct DashPage: Encodable {
    var caller: CallerView
    var csrf: String
    var victims: [Option]
    var victimChosen: Bool
    var victimID: String
    var victimName: String
    var perpetrators: [Option]
    var children: [String]
    var recentEvents: Int
    var lastReferral: String?
    var areas: [Option]
    var questions: [DashQuestionRow]
    var problems: [PanelFieldProblem]
    var form: DashSubmission
    var threshold: Int
}
