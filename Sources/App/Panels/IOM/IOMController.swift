import Foundation
import LanternDomain
import Storage
import Vapor

/// `/iom`: the Integrated Offender Management cohort. The panel selects a
/// person into a cohort with a reason, reviews them on the cadence the area
/// sets, records compliance events and de-selects them with a reason.
/// Names only through the risk-panels access decision; every step audited.
struct IOMController: RouteCollection {
    static let steps = ["review", "compliance", "deselect"]

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("iom")
        group.get(use: list)
        group.post(use: select)
        group.post(":id", ":step", use: step)
    }

    func list(req: Request) async throws -> View {
        let caller = try RiskCaseAccess.require(req, MatacController.viewers, to: "see the IOM cohort")
        let today = CalendarDate.today(at: Date())
        let stored = try await IOMRepository(database: try req.sql()).members()
        let names = try await RiskCaseAccess.names(req, of: Array(Set(stored.map(\.person))), resource: "iom-cohort")
        try await req.audit(.read, subject: "iom-cohort", resource: "iom members:\(stored.count)", reason: "IOM cohort", purpose: "risk-panels")
        return try await req.renderPage("iom", IOMPage(
            caller: .init(caller), csrf: req.csrfToken,
            rows: stored.compactMap { IOMPage.Row($0, name: names[$0.person] ?? RiskCaseAccess.withheld, today: today) },
            cohorts: IOMSettings.standard.cohorts, kinds: IOMComplianceEvent.Kind.allCases.map(\.rawValue),
            canRecord: caller.roles.contains("panel-chair"), problem: req.query[String.self, at: "problem"]))
    }

    struct SelectForm: Content { var person: String?; var cohort: String?; var reason: String? }

    func select(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["panel-chair"], to: "select a person into the IOM cohort")
        try req.requireCSRF()
        let form = try req.content.decode(SelectForm.self)
        if case .failure(let problem) = try await Self.select(req, caller: caller, form: form) {
            return Self.back(req, problem: problem.description)
        }
        return Self.back(req)
    }

    /// Selects a person into a cohort with a reason (the page and the API
    /// both come here); the chair joins the person's panel case; audited.
    static func select(_ req: Request, caller: Caller, form: SelectForm) async throws -> Result<(UUID, IOMMembership), RiskCaseProblem> {
        guard let person = form.person.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            return .failure(RiskCaseProblem(field: "person", message: "the person's Lantern id, from their page"))
        }
        let today = CalendarDate.today(at: Date())
        let member: IOMMembership
        do {
            member = try IOMMembership.select(person: person.uuidString, cohort: form.cohort ?? "", on: today, reason: form.reason ?? "",
                                              settings: .standard)
        } catch let problem as IOMMembership.Problem {
            return .failure(RiskCaseProblem(problem.field, problem.description))
        }
        let id = try await IOMRepository(database: try req.sql()).select(person: person, cohort: member.cohort, on: today.description,
                                                                         reason: String(member.selectionReason.prefix(2_000)),
                                                                         reviewEveryDays: member.reviewEveryDays, by: caller.userID, at: Date())
        try await RiskCaseAccess.joinPanelCase(req, user: caller.userID, person: person)
        try await req.audit(.write, subject: "person:\(person.uuidString)", resource: "iom selected cohort:\(member.cohort)",
                            reason: String(member.selectionReason.prefix(300)), purpose: "risk-panels")
        return .success((id, member))
    }

    struct StepForm: Content { var kind: String?; var note: String?; var reason: String? }

    func step(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["panel-chair"], to: "record an IOM step")
        try req.requireCSRF()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let step = req.parameters.get("step"), Self.steps.contains(step) else {
            throw Abort(.notFound, reason: "No such IOM member or step.")
        }
        let repository = IOMRepository(database: try req.sql())
        guard let stored = try await repository.members().first(where: { $0.id == id }), let member = IOMPage.membership(stored) else {
            throw Abort(.notFound, reason: "No such IOM member.")
        }
        let form = try req.content.decode(StepForm.self)
        let today = CalendarDate.today(at: Date())
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch step {
        case "review":
            guard member.isActive else { return Self.back(req, problem: "A de-selected member is not reviewed.") }
            try await repository.addEvent(to: id, on: today.description, kind: "review", note: String(note.prefix(2_000)), by: caller.userID, at: Date())
        case "compliance":
            guard let kind = form.kind.flatMap(IOMComplianceEvent.Kind.init(rawValue:)) else {
                return Self.back(req, problem: "kind: choose what happened")
            }
            try await repository.addEvent(to: id, on: today.description, kind: kind.rawValue, note: String(note.prefix(2_000)), by: caller.userID, at: Date())
        default:
            do {
                let left = try member.deselected(on: today, reason: form.reason ?? "")
                try await repository.deselect(id, on: today.description, reason: String((left.deselectionReason ?? "").prefix(2_000)))
            } catch let problem as IOMMembership.Problem {
                return Self.back(req, problem: problem.description)
            }
        }
        try await req.audit(.write, subject: "person:\(stored.person.uuidString)", resource: "iom \(step)\(form.kind.map { ":" + $0 } ?? "")",
                            reason: step == "deselect" ? String((form.reason ?? "").prefix(300)) : "IOM \(step)", purpose: "risk-panels")
        return Self.back(req)
    }

    static func back(_ req: Request, problem: String? = nil) -> Response {
        req.redirect(to: "/iom" + (problem.map { "?problem=" + MatacController.encode($0) } ?? ""))
    }
}

/// The IOM cohort page.
struct IOMPage: Encodable {
    struct Row: Encodable {
        var id: String
        var name: String
        var cohort: String
        var selected: String
        var reason: String
        var status: String
        var nextReview: String
        var overdue: Bool
        var appointments: String
        var left: String?

        init?(_ stored: StoredIOMMember, name: String, today: CalendarDate) {
            guard let member = IOMPage.membership(stored) else { return nil }
            id = stored.id.uuidString
            self.name = name
            cohort = member.cohort
            selected = member.selectedOn.description
            reason = member.selectionReason
            status = member.status(on: today).rawValue.replacingOccurrences(of: "-", with: " ")
            nextReview = member.nextReviewDue?.description ?? "none"
            overdue = member.isReviewOverdue(on: today)
            appointments = member.appointmentsKept.map { "\($0.kept) of \($0.due) kept" } ?? "none due"
            left = member.deselectedOn.map { "De-selected \($0): \(member.deselectionReason ?? "")" }
        }
    }

    var caller: CallerView
    var csrf: String
    var rows: [Row]
    var cohorts: [String]
    var kinds: [String]
    var canRecord: Bool
    var problem: String?

    static func membership(_ stored: StoredIOMMember) -> IOMMembership? {
        guard let selected = CalendarDate(parsing: stored.selectedOn) else { return nil }
        return IOMMembership(
            person: stored.person.uuidString, cohort: stored.cohort, selectedOn: selected, selectionReason: stored.selectionReason,
            deselectedOn: stored.deselectedOn.flatMap(CalendarDate.init(parsing:)), deselectionReason: stored.deselectionReason,
            reviewEveryDays: stored.reviewEveryDays,
            reviews: stored.events.filter { $0.kind == "review" }.compactMap { CalendarDate(parsing: $0.on) },
            compliance: stored.events.compactMap { event in
                guard let kind = IOMComplianceEvent.Kind(rawValue: event.kind), let day = CalendarDate(parsing: event.on) else { return nil }
                return IOMComplianceEvent(on: day, kind: kind, note: event.note)
            })
    }
}
