import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// A panel meeting: agenda, research board, attendance register with the
/// confidentiality statement, papers (only after acceptance), minutes; and
/// each partner's research tasks.
struct PanelMeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let meetings = routes.grouped("panels", "meetings")
        meetings.post(use: create)
        meetings.get(":id", use: page)
        meetings.post(":id", "list", use: list)
        meetings.post(":id", "publish", use: publish)
        meetings.post(":id", "attendees", use: addAttendee)
        meetings.post(":id", "confidentiality", use: acceptStatement)
        meetings.post(":id", "open", use: open)
        meetings.post(":id", "minutes", use: saveMinutes)
        meetings.post(":id", "minutes", "publish", use: publishMinutes)
        meetings.get(":id", "minutes", use: printMinutes)
        routes.get("panels", "research", use: research)
        routes.post("panels", "research", ":id", use: returnResearch)
    }

    struct CreateForm: Content { var area: String?; var heldOn: String?; var venue: String? }

    func create(req: Request) async throws -> Response {
        let standing = try await req.panelStanding()
        let form = try req.content.decode(CreateForm.self)
        let sql = try req.sql()
        let area = try await PanelLookup.area(form.area ?? "", sql: sql)
        try standing.requireStaff(of: area.slug, req)
        guard let day = CalendarDate(parsing: form.heldOn ?? "") else { return req.back(to: "/panels", problem: "heldOn: give the meeting date as YYYY-MM-DD") }
        let id = try await PanelMeetingRepository(database: sql).create(area: area, heldOn: day, venue: form.venue ?? "", at: Date())
        // Open actions from earlier meetings are carried onto the new agenda.
        let carried = try await PanelAgenda.carriedOver(area: area.slug, sql: sql)
        if let meeting = try await PanelMeetingRepository(database: sql).meeting(id) {
            _ = try await PanelAgenda.list(carried, on: meeting, area: area, by: standing.caller.userID, sql: sql, now: Date())
        }
        try await req.audit(.write, subject: "panel-meeting:\(id.uuidString)", resource: "panel meeting", reason: "meeting \(day) created, \(carried.count) carried over",
                            purpose: "risk-panels")
        return req.redirect(to: "/panels/meetings/\(id.uuidString)")
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var problem: String?
        var done: String?
        var id: UUID
        var area: String
        var heldOn: String
        var venue: String
        var state: String
        var isStaff: Bool
        var isChair: Bool
        var onRegister: Bool
        var accepted: Bool
        var statement: String
        var statementVersion: Int
        var agenda: [PanelCaseRow]
        /// The agenda's column heading for whom each case is about, in the panel type's words.
        var subject: String
        var board: [BoardRow]
        var attendance: [AttendanceRow]
        var ready: [PanelCaseRow]
        var roles: [Option]
        var minutes: [MinutesRow]
        var minutesDraft: String
        var sectionEditors: [SectionEditor]
        var minutesDue: String
    }

    struct BoardRow: Encodable { var reference: String; var partner: String; var status: String; var returned: Bool }
    struct AttendanceRow: Encodable { var name: String; var partner: String; var role: String; var accepted: String }

    func page(req: Request) async throws -> View {
        let sql = try req.sql()
        let meetings = PanelMeetingRepository(database: sql)
        // The meeting and its register in one read.
        guard let (meeting, attendance) = try await meetings.meetingWithAttendance(try req.parameters.id(of: "panel meeting")) else {
            throw Abort(.notFound, reason: "no such panel meeting")
        }
        let standing = try await req.panelStanding()
        let area = try await req.panelArea(meeting.areaSlug, standing)
        let mine = attendance.first { $0.userID == standing.caller.userID }
        guard standing.isStaff(of: area.slug) || mine != nil else {
            throw Refusal.panel(.meetingNotOpenToCaller)
        }
        let accepted = mine?.acceptedAt != nil
        let policy = try await req.accessPolicy()
        // The agenda and, for the area's staff, the accepted cases ready to list on it, in one read.
        let (agenda, ready) = try await MaracCaseRepository(database: sql).agendaAndReady(of: meeting.id,
                                                                                         area: standing.isStaff(of: area.slug) ? area.slug : nil)
        // Names on the agenda are case papers: only for those who accepted the statement.
        let names = accepted ? try await req.panelNames(agenda.map(\.victim), resource: "panel meeting \(meeting.heldOn)") : [:]
        let references = Dictionary(agenda.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        let board = standing.isStaff(of: area.slug) ? try await meetings.research(of: meeting.id, prefill: false).map { task in
            BoardRow(reference: references[task.caseID] ?? "", partner: policy.index.name(of: task.partner),
                     status: task.isReturned ? "Returned by \(task.returnedByName ?? "") \(task.returnedAt.map { $0.formatted(.iso8601) } ?? "")"
                        + (task.nothingKnown ? " (nothing known)" : "") : "Awaited",
                     returned: task.isReturned)
        } : []
        let minutes = try await PanelActionRepository(database: sql).minutes(of: meeting.id)
        let visibleMinutes = minutes.filter { standing.isStaff(of: area.slug) || (accepted && $0.publishedAt != nil) }
        let minutesRows = try await Self.minutesRows(visibleMinutes, meeting: meeting.id, fullReader: standing.isStaff(of: area.slug),
                                                     partner: standing.caller.partner, policy: policy, sql: sql, references: references)
        let editors = standing.isStaff(of: area.slug)
            ? try await Self.sectionEditors(agenda: agenda, draft: minutes.first { $0.publishedAt == nil }, attendance: attendance, meeting: meeting.id,
                                            policy: policy, sql: sql) : []
        try await req.audit(.read, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel meeting cases:\(agenda.count) papers:\(accepted)",
                            reason: "panel meeting \(meeting.heldOn)", purpose: "risk-panels")
        return try await req.renderPage("panels-meeting", Page(
            caller: .init(standing.caller), csrf: req.csrfToken, problem: req.query[String.self, at: "problem"], done: req.query[String.self, at: "done"],
            id: meeting.id, area: area.name, heldOn: meeting.heldOn.description, venue: meeting.venue, state: meeting.state,
            isStaff: standing.isStaff(of: area.slug), isChair: standing.functions[area.slug]?.contains(.chair) ?? false,
            onRegister: mine != nil, accepted: accepted,
            statement: meeting.statement.text, statementVersion: meeting.statement.version,
            agenda: agenda.map { PanelCaseRow($0, names: names) }, subject: PanelCaseWording.of(area.kind).subject, board: board,
            attendance: attendance.map { row in
                AttendanceRow(name: row.name, partner: policy.index.name(of: row.partner), role: row.role.label,
                              accepted: row.acceptedAt.map { "Accepted v\(row.acceptedVersion ?? meeting.statement.version) at \($0.formatted(.iso8601))" }
                                ?? "Not yet accepted")
            },
            ready: ready.map { PanelCaseRow($0, names: [:]) },
            roles: AttendanceRole.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: false) },
            minutes: minutesRows,
            minutesDraft: minutes.first.map { $0.publishedAt == nil ? $0.minutes.text : "" } ?? "", sectionEditors: editors,
            minutesDue: MeetingMinutes.due(after: meeting.heldOn, workingDays: area.minutesWorkingDays).description))
    }

    struct ListForm: Content { var cases: [UUID]? }

    func list(req: Request) async throws -> Response {
        let (meeting, area, standing) = try await staffMeeting(req)
        let sql = try req.sql()
        let chosen = try await MaracCaseRepository(database: sql).cases(try req.content.decode(ListForm.self).cases ?? [])
            .filter { $0.areaSlug == area.slug }
        let listed = try await PanelAgenda.list(chosen, on: meeting, area: area, by: standing.caller.userID, sql: sql, now: Date())
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel agenda", reason: "listed \(listed.joined(separator: ","))",
                            purpose: "risk-panels")
        return req.back(to: "/panels/meetings/\(meeting.id.uuidString)", done: "Listed \(listed.count) case(s).")
    }

    func publish(req: Request) async throws -> Response {
        let (meeting, area, _) = try await staffMeeting(req)
        guard meeting.state == "draft" else { return req.back(to: "/panels/meetings/\(meeting.id.uuidString)", problem: "The agenda is already published.") }
        let count = try await PanelAgenda.publish(meeting, area: area, sql: try req.sql(), now: Date())
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel agenda publish",
                            reason: "agenda of \(count) case(s) published; research tasks for \(area.attendingPartners.count) partners", purpose: "risk-panels")
        return req.back(to: "/panels/meetings/\(meeting.id.uuidString)", done: "Agenda published: research requested from \(area.attendingPartners.count) partners.")
    }

    struct AttendeeForm: Content { var username: String?; var role: String? }

    func addAttendee(req: Request) async throws -> Response {
        let (meeting, area, _) = try await staffMeeting(req)
        let form = try req.content.decode(AttendeeForm.self)
        let path = "/panels/meetings/\(meeting.id.uuidString)"
        let sql = try req.sql()
        guard let user = try await UserRepository(database: sql).find(username: (form.username ?? "").trimmingCharacters(in: .whitespaces)) else {
            return req.back(to: path, problem: "username: no account has that username")
        }
        let policy = try await req.accessPolicy()
        if let refusal = try await PanelAgenda.addAttendee(user, role: AttendanceRole(rawValue: form.role ?? "") ?? .present, to: meeting, area: area,
                                                           policy: policy, today: req.today(), sql: sql, now: Date()) {
            try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel attendance", decision: .deny,
                                reason: "partner \(user.partner) outside the panel's agreement", purpose: "risk-panels")
            return req.back(to: path, problem: refusal.message)
        }
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel attendance user:\(user.id.uuidString)",
                            reason: "attendee added (\(user.partner))", purpose: "risk-panels")
        return req.back(to: path, done: "\(user.displayName) added to the register.")
    }

    func acceptStatement(req: Request) async throws -> Response {
        let meeting = try await PanelLookup.meeting(req)
        let standing = try await req.panelStanding()
        let meetings = PanelMeetingRepository(database: try req.sql())
        guard try await meetings.attendance(of: meeting.id).contains(where: { $0.userID == standing.caller.userID }) else {
            throw Refusal.panel(.statementOnlyForAttendees)
        }
        try await meetings.accept(meeting: meeting.id, user: standing.caller.userID, version: meeting.statement.version, at: Date())
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel confidentiality v\(meeting.statement.version)",
                            reason: "confidentiality statement accepted", purpose: "risk-panels")
        return req.back(to: "/panels/meetings/\(meeting.id.uuidString)", done: "Statement accepted: the case papers are open to you.")
    }

    func open(req: Request) async throws -> Response {
        let (meeting, _, _) = try await staffMeeting(req)
        try await PanelMeetingRepository(database: try req.sql()).setState(meeting.id, to: "open", at: Date())
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel meeting open", reason: "meeting opened", purpose: "risk-panels")
        return req.back(to: "/panels/meetings/\(meeting.id.uuidString)", done: "Meeting opened.")
    }

    func staffMeeting(_ req: Request) async throws -> (StoredPanelMeeting, PanelAreaConfiguration, PanelStanding) {
        let meeting = try await PanelLookup.meeting(req)
        let standing = try await req.panelStanding()
        try standing.requireStaff(of: meeting.areaSlug, req)
        return (meeting, try await PanelLookup.area(meeting.areaSlug, sql: try req.sql()), standing)
    }

    // MARK: research

    struct ResearchPage: Encodable { var caller: CallerView; var csrf: String; var done: String?; var tasks: [TaskRow] }
    struct TaskRow: Encodable {
        var id: UUID; var reference: String; var heldOn: String; var people: String; var holdings: [String]
        var returned: Bool; var answer: String
    }

    func research(req: Request) async throws -> View {
        let standing = try await req.panelStanding()
        let sql = try req.sql()
        let meetings = PanelMeetingRepository(database: sql)
        var rows: [TaskRow] = []
        let casework = CaseworkRepository(database: sql)
        for id in standing.meetings {
            guard let meeting = try await meetings.meeting(id), meeting.state != "draft" else { continue }
            let tasks = try await meetings.research(of: id, partner: standing.caller.partner)
            let cases = try await MaracCaseRepository(database: sql).cases(tasks.map(\.caseID))
            for task in tasks {
                guard let stored = cases.first(where: { $0.id == task.caseID }) else { continue }
                let names = try await req.panelNames(stored.people, resource: "panel research \(stored.reference)")
                // What this partner itself holds about the case's people: its own records, rule 5's own-records clause.
                let events = try await casework.events(about: stored.people).filter { task.prefill.contains("\(task.partner):\($0.event.recordID)") }
                rows.append(TaskRow(id: task.id, reference: stored.reference, heldOn: meeting.heldOn.description,
                                    people: stored.people.map { names[$0] ?? "Name withheld" }.joined(separator: "; "),
                                    holdings: events.map { "\($0.event.occurredOn) \(EventCategory(rawValue: $0.event.category)?.label ?? $0.event.category) "
                                        + "(\($0.event.role)): \($0.event.summary ?? "")" },
                                    returned: task.isReturned, answer: task.nothingKnown ? "Nothing known" : (task.answer ?? "")))
            }
        }
        if rows.isEmpty { req.markAccessDecision("none") }
        try await req.audit(.read, subject: "panel-research", resource: "panel research tasks:\(rows.count)", reason: "research tasks for \(standing.caller.partner)",
                            purpose: "risk-panels")
        return try await req.renderPage("panels-research", ResearchPage(caller: .init(standing.caller), csrf: req.csrfToken,
                                                                         done: req.query[String.self, at: "done"], tasks: rows))
    }

    struct ReturnForm: Content { var answer: String?; var nothingKnown: String? }

    func returnResearch(req: Request) async throws -> Response {
        let standing = try await req.panelStanding()
        let sql = try req.sql()
        let id = try req.parameters.id(of: "research task")
        let meetings = PanelMeetingRepository(database: sql)
        var found: StoredResearch?
        for meeting in standing.meetings { if let task = try await meetings.research(of: meeting, partner: standing.caller.partner).first(where: { $0.id == id }) { found = task } }
        guard let task = found else { throw Refusal.panel(.researchTaskOfAnotherPartner) }
        let form = try req.content.decode(ReturnForm.self)
        let nothing = form.nothingKnown == "on" || form.nothingKnown == "true"
        let answer = (form.answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard nothing || !answer.isEmpty else { return req.back(to: "/panels/research", done: "answer: write what your agency knows, or tick \"nothing known\"") }
        try await meetings.returnResearch(task.id, answer: answer, nothingKnown: nothing, by: standing.caller.userID, name: standing.caller.displayName, at: Date())
        try await req.audit(.write, subject: "panel-case:\(task.caseID.uuidString)", resource: "panel research:\(task.id.uuidString)",
                            reason: nothing ? "research returned: nothing known" : "research returned", purpose: "risk-panels")
        return req.back(to: "/panels/research", done: "Research returned.")
    }
}
