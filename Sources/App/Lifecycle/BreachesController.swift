import Foundation
import LanternDomain
import Ledger
import Storage
import Vapor

/// The DPO's breach register at `/breaches`: recording a breach with what it
/// reached (computed from the audit ledger for a user, token or partner over
/// a window), its 48-hour partner clock and 72-hour ICO clock, and the
/// decisions with their reasons. Every step is audited.
struct BreachesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("breaches")
        group.get(use: list)
        group.post(use: record)
        group.post(":id", "partners-told", use: partnersTold)
        group.post(":id", "ico", use: icoDecision)
        group.post(":id", "assessment", use: assess)
        group.post(":id", "recall-asked", use: recallAsked)
        group.post(":id", "recall-confirmed", use: recallConfirmed)
        group.post(":id", "consultation", use: consult)
        group.post(":id", "owner-decision", use: ownerDecision)
        group.post(":id", "close", use: close)
        group.post(":id", "subjects", use: subjectsDecision)
    }

    static let kinds = ["confidentiality", "integrity", "availability"]

    func list(req: Request) async throws -> View {
        let caller = try await req.requireCapability(.manageBreaches, subject: "breaches")
        let now = Int64(Date().timeIntervalSince1970)
        let breaches = try await BreachRepository(database: try req.sql()).all()
        try await req.audit(.read, subject: "breaches", resource: "breaches count:\(breaches.count)", reason: "breach register",
                            purpose: "governance")
        return try await req.renderPage("breaches", BreachesPage(
            caller: .init(caller), csrf: req.csrfToken, breaches: breaches.map { BreachRow($0, now: now) }, kinds: Self.kinds,
            problem: req.query[String.self, at: "problem"], done: req.query[String.self, at: "done"]))
    }

    struct RecordForm: Content {
        var kind: String?
        var description: String?
        var detected: String?
        var actor: String?
        var partner: String?
        var windowHours: Int?
        var containment: String?
        // The assessment, all at once or not at all (it can also be recorded later).
        var detectedBy: String?
        var categories: String?
        var likelihood: String?
        var severity: String?
        var riskReason: String?
    }

    func record(req: Request) async throws -> Response {
        let caller = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let form = try req.content.decode(RecordForm.self)
        let now = Int64(Date().timeIntervalSince1970)
        guard let kind = form.kind, Self.kinds.contains(kind) else { return back(req, problem: "Choose the kind of breach: confidentiality, integrity or availability.") }
        let description = (form.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else { return back(req, problem: "Describe what happened.") }
        let clock: BreachClock
        do {
            clock = try BreachClock(detectedAt: form.detected.flatMap(Self.instant(parsing:)), now: now)
        } catch let refusal as BreachClock.Refusal {
            return back(req, problem: refusal.description + " Enter it as YYYY-MM-DD HH:MM (UTC).")
        }
        let actor = form.actor?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let partner = form.partner?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        guard actor != nil || partner != nil else { return back(req, problem: "Name the account, token id or partner whose access the breach concerns, so its reach can be computed from the audit ledger.") }
        let assessment: BreachAssessment?
        do {
            assessment = try Self.assessment(from: form)
        } catch let refusal as BreachAssessment.Refusal {
            return back(req, problem: refusal.description + " Or leave the whole assessment blank and record it later.")
        }
        let hours = Int64(max(1, min(form.windowHours ?? 72, 24 * 366)))
        let windowFrom = clock.detectedAt - hours * 3600
        let repository = BreachRepository(database: try req.sql())
        // Detection is given to the minute: the whole minute counts.
        let impact = try await repository.impact(actor: actor, partner: partner, fromSeconds: windowFrom, toSeconds: clock.detectedAt + 60)
        let reference = try await repository.record(
            kind: kind, description: String(description.prefix(2_000)), clock: clock, scopeActor: actor, scopePartner: partner,
            windowFrom: windowFrom, windowTo: clock.detectedAt, impact: impact, containment: form.containment?.nilIfEmpty,
            assessment: assessment, by: caller.userID, at: Date())
        try await req.audit(.write, subject: "breach:\(reference)", resource: "breach subjects:\(impact.subjects) partners:\(impact.partners.count)",
                            reason: "recorded: \(kind)" + (assessment.map { ", risk: likelihood \($0.likelihood), severity \($0.severity)" } ?? ""), purpose: "governance")
        return back(req, done: reference)
    }

    /// The assessment given with a new breach: none when every field is
    /// blank, else the whole of it, validated as the later step is.
    static func assessment(from form: RecordForm) throws -> BreachAssessment? {
        let given = [form.detectedBy, form.categories, form.likelihood, form.severity, form.riskReason]
        guard given.contains(where: { $0?.nilIfEmpty != nil }) else { return nil }
        return try BreachAssessment(validating: form.detectedBy, categories: form.categories, likelihood: form.likelihood,
                                    severity: form.severity, reason: form.riskReason)
    }

    func partnersTold(req: Request) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        if let refused = try await refusingIfClosed(req, breach, step: "partners-told") { return refused }
        let clock = breach.clock.partnersTold(at: Int64(Date().timeIntervalSince1970))
        try await BreachRepository(database: try req.sql()).save(clock, of: id)
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach partners-told",
                            reason: "partners told: " + breach.impact.partners.joined(separator: ","), purpose: "governance")
        return back(req, done: breach.reference)
    }

    struct ICOForm: Content { var decision: String?; var reference: String?; var reason: String?; var lateReason: String? }

    func icoDecision(req: Request) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        if let refused = try await refusingIfClosed(req, breach, step: "ico") { return refused }
        let form = try req.content.decode(ICOForm.self)
        let now = Int64(Date().timeIntervalSince1970)
        let decision: BreachClock.ICODecision = form.decision == "report"
            ? .reported(reference: form.reference ?? "", at: now) : .notReported(reason: form.reason ?? "", at: now)
        do {
            try await BreachRepository(database: try req.sql()).save(try breach.clock.deciding(decision, lateReason: form.lateReason), of: id)
        } catch let refusal as BreachClock.Refusal {
            try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach ico", decision: .deny,
                                reason: refusal.code.rawValue, purpose: "governance")
            return back(req, problem: "\(breach.reference): \(refusal.description)")
        }
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach ico",
                            reason: form.decision == "report" ? "reported to the ICO" : "not reported: " + String((form.reason ?? "").prefix(300)),
                            purpose: "governance")
        return back(req, done: breach.reference)
    }

    func find(_ req: Request) async throws -> (UUID, StoredBreach) {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let breach = try await BreachRepository(database: try req.sql()).find(id) else { throw Abort(.notFound, reason: "no such breach") }
        return (id, breach)
    }

    /// A step on a closed breach is refused and kept as a denial: closing
    /// is the last step, and the record stays as it was closed.
    func refusingIfClosed(_ req: Request, _ breach: StoredBreach, step: String) async throws -> Response? {
        guard breach.closedAt != nil else { return nil }
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach \(step)", decision: .deny,
                            reason: "alreadyClosed", purpose: "governance")
        return back(req, problem: "\(breach.reference): \(BreachConsultation.Refusal.alreadyClosed.description)")
    }

    func back(_ req: Request, problem: String? = nil, done: String? = nil) -> Response {
        let query = problem.map { "?problem=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            ?? done.map { "?done=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        return req.redirect(to: "/breaches" + query)
    }

    /// `YYYY-MM-DD HH:MM` (or with a `T`), read as UTC, to seconds since 1970.
    static func instant(parsing text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, let day = CalendarDate(parsing: String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else { return nil }
        return Int64(day.dayNumber) * 86_400 + Int64(time[0] * 3600 + time[1] * 60)
    }
}

extension String {
    var nilIfEmpty: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
