import Foundation
import LanternDomain
import Storage
import Vapor

/// `/asb-reviews`: ASB case reviews (the Community Trigger) from application
/// to decision, meeting and appeal. The threshold is checked over the
/// victim's ASB and hate-incident reports matched across partners; the
/// statutory clocks run in working days; the written decision and every step
/// are audited; the yearly counts to publish are on the list. Names only
/// through the risk-panels access decision.
struct ASBCaseReviewController: RouteCollection {
    static let viewers: Set<String> = ["panel-chair", "analyst"]
    static let steps = ["acknowledge", "decide", "meeting", "appeal", "complaint"]

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("asb-reviews")
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: review)
        group.post(":id", ":step", use: step)
    }

    func list(req: Request) async throws -> View {
        let caller = try RiskCaseAccess.require(req, Self.viewers, to: "see ASB case reviews")
        let today = CalendarDate.today(at: Date())
        let reviews = try await ASBCaseReviewRepository(database: try req.sql()).all()
        let names = try await RiskCaseAccess.names(req, of: Array(Set(reviews.compactMap(\.victim))), resource: "asb-reviews")
        let year = req.query[Int.self, at: "year"] ?? (today.month >= 4 ? today.year : today.year - 1)
        let (from, to) = CaseReviewCounts.financialYear(startingIn: year)
        let counts = CaseReviewCounts(try reviews.map { stored in
            CaseReviewCounts.Review(received: try Self.day(stored.receivedOn), thresholdMet: stored.thresholdMet,
                                    meetingOn: stored.meetingOn.flatMap(CalendarDate.init(parsing:)),
                                    madeRecommendations: !(stored.recommendations ?? "").isEmpty)
        }, from: from, to: to)
        try await req.audit(.read, subject: "asb-reviews", resource: "asb-reviews count:\(reviews.count)", reason: "ASB case reviews",
                            purpose: "risk-panels")
        return try await req.renderPage("asb-reviews", ASBReviewListPage(
            caller: .init(caller), csrf: req.csrfToken, rows: try reviews.map { try ASBReviewListPage.Row($0, name: $0.victim.flatMap { names[$0] }, today: today) },
            year: "\(year) to \(year + 1)", counts: counts, canRecord: caller.roles.contains("panel-chair"),
            problem: req.query[String.self, at: "problem"], today: today.description))
    }

    struct CreateForm: Content {
        var person: String?
        var applicant: String?
        var onBehalf: String?
        var consent: String?
        var received: String?
    }

    func create(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["panel-chair"], to: "record an ASB case review application")
        try req.requireCSRF()
        let form = try req.content.decode(CreateForm.self)
        switch try await Self.receive(req, caller: caller, form: form) {
        case .failure(let problem): return req.redirect(to: "/asb-reviews?problem=" + MatacController.encode(problem.description))
        case .success(let stored): return req.redirect(to: "/asb-reviews/\(stored.id.uuidString)")
        }
    }

    /// Records an application (the page and the API both come here): the
    /// victim's ASB and hate reports matched across partners are gathered
    /// for the threshold; the chair joins the victim's panel case; audited.
    static func receive(_ req: Request, caller: Caller, form: CreateForm) async throws
        -> Result<(id: UUID, reference: String, complaints: Int), RiskCaseProblem> {
        let applicant = (form.applicant ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !applicant.isEmpty else { return .failure(.init(field: "applicant", message: "say who applied (the victim, or who applied for them)")) }
        let onBehalf = form.onBehalf == "on", consent = form.consent == "on"
        guard !onBehalf || consent else {
            return .failure(.init(field: "consent", message: "an application made on the victim's behalf needs the victim's consent"))
        }
        let today = CalendarDate.today(at: Date())
        guard let received = (form.received ?? "").isEmpty ? today : CalendarDate(parsing: form.received ?? ""), received <= today else {
            return .failure(.init(field: "received", message: "the date the application arrived, as YYYY-MM-DD, not in the future"))
        }
        var victim: UUID?
        if let text = form.person?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let id = UUID(uuidString: text) else {
                return .failure(.init(field: "person", message: "the victim's Lantern id, from their page, or leave it empty"))
            }
            victim = id
        }
        let sql = try req.sql()
        let rules = CaseReviewRules.standard
        // The victim's reports matched across partners, from the window's start less the reporting allowance.
        var complaints: [StoredCaseReviewComplaint] = []
        if let victim {
            let since = received.addingMonths(-rules.windowMonths - rules.reportWithinMonths)
            complaints = try await MatacRepository(database: sql).events(categories: ["asb", "hate-crime"], roles: ["victim", "witness"],
                                                                         since: since.description, people: [victim]).map {
                // A partner records a report on the day it is made: the event's date stands for both until corrected.
                StoredCaseReviewComplaint(agency: $0.partner, reference: $0.recordID, incidentOn: $0.occurredOn, reportedOn: $0.occurredOn,
                                          hate: $0.category == "hate-crime")
            }
        }
        let rulesJSON = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        let (id, reference) = try await ASBCaseReviewRepository(database: sql).create(
            victim: victim, applicant: String(applicant.prefix(300)), onBehalf: onBehalf, consent: consent || !onBehalf,
            receivedOn: received.description, rulesJSON: rulesJSON, complaints: complaints, by: caller.userID, at: Date())
        if let victim { try await RiskCaseAccess.joinPanelCase(req, user: caller.userID, person: victim) }
        try await req.audit(.write, subject: victim.map { "person:\($0.uuidString)" } ?? "asb-review:\(reference)",
                            resource: "asb-review \(reference) complaints:\(complaints.count)", reason: "application received",
                            purpose: "risk-panels")
        return .success((id, reference, complaints.count))
    }

    func review(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, Self.viewers, to: "see ASB case reviews")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let stored = try await ASBCaseReviewRepository(database: try req.sql()).find(id) else {
            // No review, so no one to decide on: say so rather than fail, so the answer carries the decision header.
            req.markAccessDecision("none")
            return Response(status: .notFound, body: .init(string: "No such ASB case review: check the link."))
        }
        let repository = ASBCaseReviewRepository(database: try req.sql())
        let complaints = try await repository.complaints(of: id)
        let name = try await RiskCaseAccess.names(req, of: stored.victim.map { [$0] } ?? [], resource: "asb-review")
        let today = CalendarDate.today(at: Date())
        try await req.audit(.read, subject: stored.victim.map { "person:\($0.uuidString)" } ?? "asb-review:\(stored.reference)",
                            resource: "asb-review \(stored.reference)", reason: "ASB case review", purpose: "risk-panels")
        return try await req.renderPage("asb-review", try ASBReviewPage(
            caller: .init(caller), csrf: req.csrfToken, stored: stored, victimName: stored.victim.flatMap { name[$0] },
            complaints: complaints, today: today, canRecord: caller.roles.contains("panel-chair"),
            problem: req.query[String.self, at: "problem"])).encodeResponse(for: req)
    }

    struct StepForm: Content {
        var on: String?
        var met: String?
        var decision: String?
        var recommendations: String?
        var outcome: String?
        var agency: String?
        var reference: String?
        var incident: String?
        var reported: String?
        var hate: String?
    }

    func step(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["panel-chair"], to: "record a step in an ASB case review")
        try req.requireCSRF()
        let (id, stored) = try await find(req)
        guard let step = req.parameters.get("step"), Self.steps.contains(step) else { throw Abort(.notFound, reason: "No such step.") }
        let form = try req.content.decode(StepForm.self)
        let back = "/asb-reviews/\(id.uuidString)"
        func refuse(_ problem: String) -> Response { req.redirect(to: back + "?problem=" + MatacController.encode(problem)) }
        let today = CalendarDate.today(at: Date())
        guard let on = (form.on ?? "").isEmpty ? today : CalendarDate(parsing: form.on ?? ""), on <= today,
              on >= (try Self.day(stored.receivedOn)) else {
            return refuse("on: a date from the day the application was received to today, as YYYY-MM-DD")
        }
        let repository = ASBCaseReviewRepository(database: try req.sql())
        let text = { (value: String?) in (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var values: [String: any Encodable & Sendable] = [:]
        var words = step
        switch step {
        case "acknowledge":
            guard stored.acknowledgedOn == nil else { return refuse("The application was already acknowledged on \(stored.acknowledgedOn!).") }
            values["acknowledged_on"] = on.description
        case "decide":
            guard stored.decidedOn == nil else { return refuse("The threshold was already decided on \(stored.decidedOn!); an appeal is the way to revisit it.") }
            guard form.met == "yes" || form.met == "no" else { return refuse("met: say whether the threshold is met") }
            guard !text(form.decision).isEmpty else { return refuse("decision: write the decision and its reasons; the applicant receives it") }
            values["decided_on"] = on.description
            values["threshold_met"] = form.met == "yes"
            values["decision"] = String(text(form.decision).prefix(4_000))
            words = "decided: threshold \(form.met == "yes" ? "met" : "not met")"
        case "meeting":
            guard stored.thresholdMet == true else { return refuse("A review meeting follows a decision that the threshold is met.") }
            guard stored.meetingOn == nil else { return refuse("The review meeting was already recorded on \(stored.meetingOn!).") }
            values["meeting_on"] = on.description
            values["recommendations"] = String(text(form.recommendations).prefix(4_000))
            words = text(form.recommendations).isEmpty ? "meeting held: no recommendations" : "meeting held: recommendations made"
        case "appeal":
            guard stored.decidedOn != nil else { return refuse("An appeal is against a decision: decide the threshold or hold the review first.") }
            if stored.appealRequestedOn == nil {
                values["appeal_requested_on"] = on.description
                if !text(form.outcome).isEmpty { values["appeal_outcome"] = String(text(form.outcome).prefix(4_000)) }
                words = "appeal requested"
            } else {
                guard stored.appealOutcome == nil else { return refuse("The appeal's outcome is already recorded.") }
                guard !text(form.outcome).isEmpty else { return refuse("outcome: write the appeal's outcome and its reasons") }
                values["appeal_outcome"] = String(text(form.outcome).prefix(4_000))
                words = "appeal outcome recorded"
            }
        default:
            guard stored.decidedOn == nil else { return refuse("Complaints are added before the threshold is decided.") }
            guard let incident = CalendarDate(parsing: form.incident ?? ""), let reported = CalendarDate(parsing: form.reported ?? "") else {
                return refuse("incident and reported: both dates, as YYYY-MM-DD")
            }
            guard !text(form.agency).isEmpty, !text(form.reference).isEmpty else { return refuse("agency and reference: who took the report, and their reference") }
            try await repository.add(StoredCaseReviewComplaint(agency: String(text(form.agency).prefix(100)), reference: String(text(form.reference).prefix(100)),
                                                               incidentOn: incident.description, reportedOn: reported.description,
                                                               hate: form.hate == "on"), to: id)
            words = "complaint added"
        }
        if !values.isEmpty { try await repository.update(id, values) }
        try await req.audit(.write, subject: stored.victim.map { "person:\($0.uuidString)" } ?? "asb-review:\(stored.reference)",
                            resource: "asb-review \(stored.reference) \(step)", reason: "\(words) by \(caller.displayName)", purpose: "risk-panels")
        return req.redirect(to: back)
    }

    private func find(_ req: Request) async throws -> (UUID, StoredCaseReview) {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let stored = try await ASBCaseReviewRepository(database: try req.sql()).find(id) else {
            throw Abort(.notFound, reason: "No such ASB case review.")
        }
        return (id, stored)
    }

    static func day(_ text: String) throws -> CalendarDate {
        guard let day = CalendarDate(parsing: text) else { throw Abort(.internalServerError, reason: "a stored date is not a date: \(text)") }
        return day
    }
}
