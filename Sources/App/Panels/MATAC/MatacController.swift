import Foundation
import LanternDomain
import Storage
import Vapor

/// `/matac`: the MATAC list the score proposes, each person's score in
/// words and over time, and the panel's decisions with their reasons.
/// Chairs decide; analysts prepare the list and keep the weights
/// (``MatacRulesController``). Names only where the access decision
/// (risk-panels) allows; every read and decision is audited.
struct MatacController: RouteCollection {
    static let viewers: Set<String> = ["panel-chair", "analyst"]

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("matac")
        group.get(use: list)
        group.get("people", ":id", use: person)
        group.post("people", ":id", "decision", use: decide)
        group.post("scores", use: recordScores)
    }

    func list(req: Request) async throws -> View {
        let caller = try RiskCaseAccess.require(req, Self.viewers, to: "see the MATAC list")
        let sql = try req.sql()
        let today = CalendarDate.today(at: Date())
        let limit = max(1, min(req.query[Int.self, at: "limit"] ?? 25, 200))
        let (weights, entries) = try await MatacService(sql: sql).list(on: today, limit: limit)
        let decisions = Dictionary(try await MatacRepository(database: sql).decisions().map { ($0.person, $0) },
                                   uniquingKeysWith: { _, later in later })
        let names = try await RiskCaseAccess.names(req, of: entries.map(\.person), resource: "matac-list")
        try await req.audit(.read, subject: "matac-list", resource: "matac list entries:\(entries.count) weights:\(weights.version)",
                            reason: "MATAC list proposed", purpose: "risk-panels")
        let rows = entries.enumerated().map { index, entry in
            MatacListPage.Row(rank: index + 1, person: entry.person.uuidString, reference: RiskCaseAccess.reference(entry.person, prefix: "M"),
                              name: names[entry.person] ?? RiskCaseAccess.withheld, score: entry.score,
                              decision: decisions[entry.person])
        }
        let cohort = decisions.values.filter { $0.outcome == MatacDecision.Outcome.selected.rawValue }.count
        return try await req.renderPage("matac", MatacListPage(
            caller: .init(caller), csrf: req.csrfToken, today: today.description, weightsVersion: weights.version,
            lookBackDays: weights.lookBackDays, rows: rows, cohort: cohort, canDecide: caller.roles.contains("panel-chair"),
            message: req.query[String.self, at: "done"]))
    }

    func person(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, Self.viewers, to: "see MATAC scores")
        let person = try Self.personID(req)
        let sql = try req.sql()
        guard !(try await MatacRepository(database: sql).displayNames(of: [person])).isEmpty else {
            // No such person, so no one to decide on: say so, with the decision header.
            req.markAccessDecision("none")
            return Response(status: .notFound, body: .init(string: "No such person: check the link."))
        }
        let today = CalendarDate.today(at: Date())
        let (weights, score, monthly) = try await MatacService(sql: sql).score(of: person, on: today)
        let repository = MatacRepository(database: sql)
        let decisions = try await repository.decisions(about: person)
        let name = try await RiskCaseAccess.names(req, of: [person], resource: "matac-person")[person] ?? RiskCaseAccess.withheld
        try await req.audit(.read, subject: "person:\(person.uuidString)", resource: "matac score:\(score.total) weights:\(weights.version)",
                            reason: "MATAC score and decisions", purpose: "risk-panels")
        return try await req.renderPage("matac-person", MatacPersonPage(
            caller: .init(caller), csrf: req.csrfToken, person: person.uuidString, reference: RiskCaseAccess.reference(person, prefix: "M"),
            name: name, score: score, monthly: monthly, recorded: try await repository.scores(of: person), decisions: decisions,
            canDecide: caller.roles.contains("panel-chair"), problem: req.query[String.self, at: "problem"])).encodeResponse(for: req)
    }

    struct DecisionForm: Content {
        var outcome: String?
        var reason: String?
        var interventions: [String]?
    }

    func decide(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["panel-chair"], to: "record the MATAC panel's decision")
        try req.requireCSRF()
        let person = try Self.personID(req)
        let form = try req.content.decode(DecisionForm.self)
        let back = "/matac/people/\(person.uuidString)"
        if case .failure(let problem) = try await Self.decide(req, caller: caller, person: person, form: form) {
            return req.redirect(to: back + "?problem=" + Self.encode(problem.description))
        }
        return req.redirect(to: back)
    }

    /// Records the panel's decision on `person` (the page and the API both
    /// come here): checked whole by ``MatacDecision``, stored with the score
    /// the panel saw, audited; a selection puts the chair on the person's panel case.
    static func decide(_ req: Request, caller: Caller, person: UUID, form: DecisionForm) async throws
        -> Result<(MatacDecision, MatacScore), RiskCaseProblem> {
        let sql = try req.sql()
        let today = CalendarDate.today(at: Date())
        let (weights, score, _) = try await MatacService(sql: sql).score(of: person, on: today)
        guard let outcome = form.outcome.flatMap(MatacDecision.Outcome.init(rawValue:)) else {
            return .failure(RiskCaseProblem(field: "outcome", message: "choose selected, not selected or de-selected"))
        }
        let interventions = (form.interventions ?? []).compactMap(MatacDecision.Intervention.init(rawValue:))
        let decision: MatacDecision
        do {
            decision = try MatacDecision(outcome: outcome, reason: form.reason ?? "", interventions: interventions, decidedOn: today,
                                         weightsVersion: weights.version, scoreSeen: score.total)
        } catch let problem as MatacDecision.Problem {
            return .failure(RiskCaseProblem(problem.field, problem.description))
        }
        let repository = MatacRepository(database: sql)
        try await repository.recordDecision(person: person, outcome: decision.outcome.rawValue, reason: decision.reason,
                                            interventions: decision.interventions.map(\.rawValue), weightsVersion: decision.weightsVersion,
                                            scoreSeen: decision.scoreSeen, decidedOn: today.description, by: caller.userID,
                                            byName: caller.displayName, at: Date())
        // The score the panel decided on is the first point of the outcome measure.
        try await repository.recordScore(StoredMatacScore(person: person, score), at: Date())
        if outcome == .selected { try await RiskCaseAccess.joinPanelCase(req, user: caller.userID, person: person) }
        try await req.audit(.write, subject: "person:\(person.uuidString)", resource: "matac decision:\(outcome.rawValue) score:\(score.total)",
                            reason: String(decision.reason.prefix(300)), purpose: "risk-panels")
        return .success((decision, score))
    }

    /// Records today's score for everyone the panel has selected and not
    /// since de-selected: the outcome measure, one point a month or so.
    func recordScores(req: Request) async throws -> Response {
        _ = try RiskCaseAccess.require(req, Self.viewers, to: "record MATAC scores")
        try req.requireCSRF()
        let sql = try req.sql()
        let today = CalendarDate.today(at: Date())
        let repository = MatacRepository(database: sql)
        let latest = Dictionary(try await repository.decisions().map { ($0.person, $0.outcome) }, uniquingKeysWith: { _, later in later })
        let cohort = latest.filter { $0.value == MatacDecision.Outcome.selected.rawValue }.map(\.key).sorted { $0.uuidString < $1.uuidString }
        let service = MatacService(sql: sql)
        let weights = try await service.weights()
        let events = try await service.events(of: cohort, weights: weights, on: today)
        for person in cohort {
            try await repository.recordScore(StoredMatacScore(person: person, MatacScore(events: events[person] ?? [], weights: weights, on: today)), at: Date())
        }
        try await req.audit(.write, subject: "matac-cohort", resource: "matac scores recorded:\(cohort.count) weights:\(weights.version)",
                            reason: "outcome measure", purpose: "risk-panels")
        return req.redirect(to: "/matac?done=" + Self.encode("Recorded today's score for \(cohort.count) selected people."))
    }

    static func personID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "No such person: the link should end in a person's id.")
        }
        return id
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
