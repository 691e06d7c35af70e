import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// `POST /api/v1/panels/dash`: a partner's case system (or a signed-in
/// practitioner's script) posts a DASH and gets back the MARAC referral it
/// opened, the assessment alone, or every missing field; nothing is saved
/// when anything is missing. `GET /api/v1/panels/cases/{id}`: where a
/// referral has got to.
struct PanelsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("panels", "dash", use: submit)
        routes.get("panels", "cases", ":id", use: status)
    }

    struct Outcome: Content {
        var outcome: String
        var dashCount: Int?
        var level: String?
        var reference: String?
        var caseID: UUID?
        var state: String?
        var routes: [String]?
    }

    struct Problems: Content {
        var error: String
        var problems: [PanelFieldProblem]
    }

    func submit(req: Request) async throws -> Response {
        let caller = try req.caller
        let form = try req.content.decode(DashSubmission.self)
        let sql = try req.sql()
        let areas = try await PanelAreaRepository(database: sql).areas().filter { $0.kind == .marac }
        guard let area = areas.first(where: { $0.slug == form.area }) ?? areas.first else {
            throw Abort(.conflict, reason: "No MARAC area is set up yet: ask the partnership to configure one.")
        }
        var assessor = caller.displayName
        if let purposes = caller.tokenPurposes {
            guard purposes.contains(Purpose.riskPanels.rawValue) else {
                throw Refusal.panel(.tokenNotForRiskPanels)
            }
            guard let name = form.assessor?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                return try await problems(req, [PanelFieldProblem(field: "assessor", message: "name the person who completed the DASH")])
            }
            assessor = name
            if let victim = form.victim {
                // A partner's system assesses its own clients: the victim must be someone it holds a record of.
                let own = try await sql.select().column("record_id").from("source_records").where("person_id", .equal, victim)
                    .where("partner_slug", .equal, caller.partner).first()
                guard own != nil else {
                    throw Refusal.panel(.personNotHeld(partner: caller.partner))
                }
                req.markAccessDecision("permit")
            }
        } else {
            _ = try await req.panelStanding()
            if let victim = form.victim { try await PanelsController.requireSees(req, victim) }
        }
        let outcome = try await DashIntake.submit(form, assessorID: caller.userID, assessorName: assessor, partner: caller.partner,
                                                  area: area, today: req.today(), sql: sql, now: Date())
        switch outcome {
        case .problems(let found, _):
            return try await problems(req, found)
        case .assessedOnly(let dash, let score):
            try await req.audit(.write, subject: "person:\(form.victim?.uuidString ?? "")", resource: "dash:\(dash.uuidString) api",
                                reason: "DASH recorded: count \(score.count); no referral route met", purpose: "risk-panels")
            return try await Outcome(outcome: "assessed", dashCount: score.count, level: score.level.rawValue).encodeResponse(status: .ok, for: req)
        case .referred(let dash, let score, let stored):
            try await req.audit(.write, subject: "person:\(stored.victim.uuidString)", resource: "dash:\(dash.uuidString) panel-case:\(stored.id.uuidString) api",
                                reason: "MARAC referral \(stored.reference): " + stored.routes.map(\.code).joined(separator: ","), purpose: "risk-panels")
            return try await Outcome(outcome: "referred", dashCount: score.count, level: score.level.rawValue, reference: stored.reference,
                                     caseID: stored.id, state: stored.state.rawValue, routes: stored.routes.map(\.description))
                .encodeResponse(status: .created, for: req)
        }
    }

    private func problems(_ req: Request, _ found: [PanelFieldProblem]) async throws -> Response {
        try await req.audit(.write, subject: "dash", resource: "dash api", decision: .deny,
                            reason: "not saved: " + found.map(\.field).joined(separator: ","), purpose: "risk-panels")
        if req.accessDecisionCode == nil { req.markAccessDecision("none") }
        return try await Problems(error: "Nothing was saved: the DASH or its referral is incomplete", problems: found)
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    func status(req: Request) async throws -> Outcome {
        let stored = try await PanelLookup.panelCase(req)
        _ = try await PanelCasesController.standing(req, for: stored)
        // The answer names no one, but reading it is reading the case: it asks as the page does.
        _ = try await req.panelNames([stored.victim], resource: "panel case \(stored.reference) api")
        try await req.audit(.read, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case api", reason: "referral status",
                            purpose: "risk-panels")
        return Outcome(outcome: stored.state == .returned ? "returned" : "referred", reference: stored.reference, caseID: stored.id,
                       state: stored.state.rawValue, routes: stored.routes.map(\.description))
    }
}
