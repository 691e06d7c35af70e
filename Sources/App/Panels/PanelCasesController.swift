import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// A panel case: the referral as it arrived (prefilled from the DASH and
/// linkage), the coordinator's accept or return, its meetings, research
/// returned and actions. Names go through the access decision under
/// `risk-panels`; every step is audited.
struct PanelCasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("panels", "cases")
        cases.get(":id", use: page)
        cases.post(":id", "accept", use: accept)
        cases.post(":id", "return", use: giveBack)
        cases.post(":id", "actions", use: addAction)
        routes.post("panels", "actions", ":id", use: updateAction)
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var problem: String?
        var done: String?
        var reference: String
        var id: UUID
        var state: String
        var stateCode: String
        var area: String
        var victim: String
        var perpetrators: [String]
        var children: [String]
        var routes: [String]
        var referrer: String
        var referredOn: String
        var victimTold: String
        var victimWishes: String
        var dash: String?
        var note: String?
        var isStaff: Bool
        var papersOpen: Bool
        var research: [ResearchRow]
        var actions: [PanelActionRow]
        var meetings: [Option]
        var partners: [Option]
        var protects: [Option]
        var statuses: [Option]
        var steps: [String]
        /// The referrer (or the area's staff) may answer what a returned referral lacked.
        var canResubmit: Bool
        /// The area's staff may move an open case to another area.
        var canTransfer: Bool
        /// What this panel type calls the case's people.
        var words: PanelCaseWording
        /// The referral form's "told" and "wishes" answers, when the case came with them.
        var showsReferralAnswers: Bool
        /// A case on an exploitation panel: places, associated people and the 12-week review.
        var exploitation: ExploitationPanelFacts?
    }

    struct ResearchRow: Encodable {
        var partner: String
        var answer: String
        var returnedBy: String
    }

    /// Staff of the area, the referrer, and attendees who accepted a listing meeting's statement see the case.
    static func standing(_ req: Request, for stored: StoredMaracCase) async throws -> (PanelStanding, papersOpen: Bool) {
        let (standing, papersOpen, _) = try await standingAndListings(req, for: stored)
        return (standing, papersOpen)
    }

    /// The same, with the meetings listing the case as the caller stands to each, read once for the page to reuse.
    static func standingAndListings(_ req: Request, for stored: StoredMaracCase) async throws
        -> (PanelStanding, papersOpen: Bool, listings: [CaseListing]) {
        let standing = try await req.panelStanding()
        let listings = try await PanelMeetingRepository(database: try req.sql()).listings(of: stored.id, for: standing.caller.userID)
        let accepted = listings.contains { $0.accepted }
        guard standing.isStaff(of: stored.areaSlug) || stored.referrerID == standing.caller.userID || accepted else {
            throw Refusal.panel(.notOnCase)
        }
        return (standing, accepted || standing.isStaff(of: stored.areaSlug), listings)
    }

    func page(req: Request) async throws -> View {
        // The case with its referrer's name and DASH line in one read.
        guard let paper = try await MaracCaseRepository(database: try req.sql()).findWithPaper(try req.parameters.id(of: "panel case")) else {
            throw Abort(.notFound, reason: "no such panel case")
        }
        let (stored, referrerName, dash) = paper
        let (standing, papersOpen, listings) = try await Self.standingAndListings(req, for: stored)
        let sql = try req.sql()
        let policy = try await req.accessPolicy()
        let area = try await req.panelArea(stored.areaSlug, standing)
        let words = PanelCaseWording.of(area.kind)
        let links = words.showsPlacesAndAssociates ? try await ExploitationPanelCase.read(stored, today: req.today(), sql: sql) : nil
        // The case's own rows, read side by side once the caller may see the case: each is a round trip, and
        // a case page waited for them one after another.
        async let returnedRead = papersOpen ? PanelMeetingRepository(database: sql).returnedResearch(ofCase: stored.id) : []
        async let actionsRead = PanelActionRepository(database: sql).actions(ofCases: [stored.id])
        async let stepsRead = MaracCaseRepository(database: sql).steps(of: stored.id)
        let names = try await req.panelNames(stored.people + (links?.people ?? []), resource: "panel case \(stored.reference)")
        let meetingOptions = listings.map { Option(value: $0.meeting.id.uuidString, label: "\($0.meeting.heldOn) (\($0.meeting.state))", selected: false) }
        var research: [ResearchRow] = []
        if papersOpen {
            // One read for the case's returned research at every meeting, shown meeting by meeting.
            let order = Dictionary(listings.enumerated().map { ($1.meeting.id, $0) }, uniquingKeysWith: { first, _ in first })
            let returned = try await returnedRead.filter { order[$0.meetingID] != nil }
            for task in returned.enumerated().sorted(by: { (order[$0.element.meetingID]!, $0.offset) < (order[$1.element.meetingID]!, $1.offset) }).map(\.element) {
                research.append(ResearchRow(partner: policy.index.name(of: task.partner),
                                            answer: task.nothingKnown ? "Nothing known" : (task.answer ?? ""),
                                            returnedBy: "\(task.returnedByName ?? "") on \(listings[order[task.meetingID]!].meeting.heldOn)"))
            }
        }
        let today = req.today()
        let actions = try await actionsRead.map {
            PanelActionRow($0, reference: stored.reference, partnerName: policy.index.name(of: $0.action.owningPartner), today: today,
                           protects: words.label(of: $0.action.protects))
        }
        let steps = try await stepsRead
        try await req.audit(.read, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case people:\(stored.people.count)",
                            reason: "panel case \(stored.reference)", purpose: "risk-panels")
        return try await req.renderPage("panels-case", Page(
            caller: .init(standing.caller), csrf: req.csrfToken, problem: req.query[String.self, at: "problem"],
            done: req.query[String.self, at: "done"], reference: stored.reference, id: stored.id, state: stored.state.label,
            stateCode: stored.state.rawValue, area: area.name, victim: names[stored.victim] ?? "Name withheld",
            perpetrators: stored.perpetrators.map { names[$0] ?? "Name withheld" }, children: stored.children.map { names[$0] ?? "Name withheld" },
            routes: stored.routes.map(\.description), referrer: "\(referrerName ?? "") (\(policy.index.name(of: stored.partner)))",
            referredOn: stored.referredOn.description,
            victimTold: stored.referral.victimTold == true ? "Yes" : "No: \(stored.referral.whyNotTold)", victimWishes: stored.referral.victimWishes,
            dash: dash.map { "\($0.instrumentID) v\($0.instrumentVersion), assessment \($0.version): count \($0.count), "
                + "\($0.level.rawValue) risk, by \($0.assessor) on \($0.assessedOn)" },
            note: stored.note, isStaff: standing.isStaff(of: stored.areaSlug), papersOpen: papersOpen, research: research, actions: actions,
            meetings: meetingOptions,
            partners: area.signatories.map { Option(value: $0, label: policy.index.name(of: $0), selected: $0 == standing.caller.partner) },
            protects: words.protects.map { Option(value: $0.value.rawValue, label: $0.label, selected: false) },
            statuses: ActionStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: false) },
            steps: steps.map { "\($0.at.formatted(.iso8601)): \($0.step) -> \($0.to)\($0.reason.map { " (\($0))" } ?? "")" },
            canResubmit: stored.state == .returned && (stored.referrerID == standing.caller.userID || standing.isStaff(of: stored.areaSlug)),
            canTransfer: stored.state.isOpen && standing.isStaff(of: stored.areaSlug), words: words,
            showsReferralAnswers: stored.referral.victimTold != nil || !stored.referral.victimWishes.trimmingCharacters(in: .whitespaces).isEmpty,
            exploitation: links.map { ExploitationPanelCase.facts($0, stored: stored, names: names, today: today) }))
    }

    func accept(req: Request) async throws -> Response {
        let stored = try await PanelLookup.panelCase(req)
        let standing = try await req.panelStanding()
        try standing.requireStaff(of: stored.areaSlug, req)
        return try await move(req, stored, step: .accept, by: standing.caller.userID, done: "\(stored.reference) accepted.")
    }

    struct ReasonForm: Content { var reason: String? }

    func giveBack(req: Request) async throws -> Response {
        let stored = try await PanelLookup.panelCase(req)
        let standing = try await req.panelStanding()
        try standing.requireStaff(of: stored.areaSlug, req)
        let reason = (try req.content.decode(ReasonForm.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return try await move(req, stored, step: .giveBack(reason: reason), by: standing.caller.userID,
                              done: "\(stored.reference) returned to the referrer.", reason: reason)
    }

    private func move(_ req: Request, _ stored: StoredMaracCase, step: PanelCaseStep, by user: UUID, done: String,
                      reason: String? = nil) async throws -> Response {
        let path = "/panels/cases/\(stored.id.uuidString)"
        switch PanelCaseTransition.apply(step, to: stored.state) {
        case .refused(let refusal):
            try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case \(step.name)", decision: .deny,
                                reason: refusal.code.rawValue, purpose: "risk-panels")
            return req.back(to: path, problem: refusal.message)
        case .moves(let next):
            try await MaracCaseRepository(database: try req.sql()).move(stored.id, step: step.name, from: stored.state, to: next, reason: reason,
                                                                         by: user, at: Date())
            try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case \(step.name)",
                                reason: "\(stored.state.rawValue) -> \(next.rawValue)", purpose: "risk-panels")
            return req.back(to: path, done: done)
        }
    }

    struct ActionForm: Content {
        var meeting: UUID?
        var text: String?
        var protects: String?
        var partner: String?
        var owner: String?
        var due: String?
    }

    func addAction(req: Request) async throws -> Response {
        let stored = try await PanelLookup.panelCase(req)
        let standing = try await req.panelStanding()
        try standing.requireStaff(of: stored.areaSlug, req)
        let form = try req.content.decode(ActionForm.self)
        let path = "/panels/cases/\(stored.id.uuidString)"
        let sql = try req.sql()
        let listing = try await PanelMeetingRepository(database: sql).meetings(listing: [stored.id])[stored.id] ?? []
        guard let meeting = form.meeting ?? listing.first, listing.contains(meeting) else {
            return req.back(to: path, problem: "meeting: list the case on a meeting before setting actions")
        }
        let ownerText = (form.owner ?? "").trimmingCharacters(in: .whitespaces)
        // The owner is an account (by username) or a named person in the owning partner without one.
        let ownerAccount = ownerText.isEmpty ? nil : try await UserRepository(database: sql).find(username: ownerText)
        let due = (form.due ?? "").isEmpty ? nil : CalendarDate(parsing: form.due ?? "")
        if !(form.due ?? "").isEmpty && due == nil { return req.back(to: path, problem: "due: give a due date as YYYY-MM-DD") }
        let action = PanelAction(text: form.text ?? "", protects: ActionProtects(rawValue: form.protects ?? "") ?? .victim,
                                 owningPartner: ownerAccount?.partner ?? form.partner ?? "", owner: ownerAccount?.displayName ?? ownerText, due: due)
        if let problem = action.problems.first {
            try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel action", decision: .deny,
                                reason: "not saved: " + action.problems.map(\.field).joined(separator: ","), purpose: "risk-panels")
            return req.back(to: path, problem: action.problems.count == 1 ? problem.description : action.problems.map(\.description).joined(separator: "; "))
        }
        let id = try await PanelActionRepository(database: sql).add(action, case: stored.id, meeting: meeting, ownerID: ownerAccount?.id, at: Date())
        if let owner = ownerAccount { try await PanelMembership.grant(users: [owner.id], people: stored.people, sql: sql, at: Date()) }
        for step in [PanelCaseStep.hear, .openActions] {
            let current = try await MaracCaseRepository(database: sql).find(stored.id)?.state ?? stored.state
            if case .moves(let next) = PanelCaseTransition.apply(step, to: current) {
                try await MaracCaseRepository(database: sql).move(stored.id, step: step.name, from: current, to: next, reason: nil,
                                                                   by: standing.caller.userID, at: Date())
            }
        }
        try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel action:\(id.uuidString)",
                            reason: "action set for \(action.owningPartner), due \(action.due?.description ?? "")", purpose: "risk-panels")
        return req.back(to: path, done: "Action set.")
    }

    struct UpdateForm: Content { var status: String?; var outcome: String? }

    func updateAction(req: Request) async throws -> Response {
        let sql = try req.sql()
        guard let stored = try await PanelActionRepository(database: sql).action(try req.parameters.id(of: "panel action")),
              let panelCase = try await MaracCaseRepository(database: sql).find(stored.caseID) else { throw Abort(.notFound, reason: "no such action") }
        let standing = try await req.panelStanding()
        guard standing.isStaff(of: panelCase.areaSlug) || stored.ownerID == standing.caller.userID else {
            throw Refusal.panel(.actionNotYours)
        }
        let form = try req.content.decode(UpdateForm.self)
        var action = stored.action
        action.status = ActionStatus(rawValue: form.status ?? "") ?? action.status
        action.outcome = form.outcome ?? ""
        let path = "/panels/cases/\(panelCase.id.uuidString)"
        if let problem = action.problems.first { return req.back(to: path, problem: problem.description) }
        try await PanelActionRepository(database: sql).update(stored.id, status: action.status, outcome: action.outcome, at: Date())
        try await req.audit(.write, subject: "panel-case:\(panelCase.id.uuidString)", resource: "panel action:\(stored.id.uuidString)",
                            reason: "action \(action.status.rawValue)", purpose: "risk-panels")
        return req.back(to: path, done: "Action updated.")
    }
}
