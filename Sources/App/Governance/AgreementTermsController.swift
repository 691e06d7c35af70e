import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/agreements/:id/terms`: the owner's page for editing a draft agreement's
/// flows and review date. Saving is the lifecycle's `revise` change: a new
/// version with who, when and why, audited, back to draft for approval.
struct AgreementTermsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agreements", ":id", "terms", use: page)
        routes.post("agreements", ":id", "terms", use: save)
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var id: UUID
        var title: String
        var version: Int
        var editable: Bool
        var status: String
        var reviewDue: String
        var flows: [AgreementTermsForm.FlowFields]
        var flowCount: Int
        var reason: String
        var problems: [String]
    }

    func load(_ req: Request) async throws -> (StoredAgreement, AgreementTermsForm) {
        let id = try req.parameters.id(of: "agreement")
        guard let stored = try await AgreementRepository(database: try req.sql()).find(id) else {
            throw Abort(.notFound, reason: "no agreement has that id: choose one from the list of agreements")
        }
        _ = try await req.requireCapability(.manageAgreements, partner: stored.agreement.owner, subject: "agreement:\(id.uuidString)")
        return (stored, AgreementTermsForm(partners: try await PartnershipRepository(database: try req.sql()).partners()))
    }

    func render(_ req: Request, _ stored: StoredAgreement, form: AgreementTermsForm, flows: [AgreementTermsForm.FlowFields]? = nil,
                reviewDue: String? = nil, reason: String = "", problems: [String] = []) async throws -> View {
        let fields = flows ?? form.fields(for: stored.agreement.flows)
        return try await req.renderPage("agreement-terms", Page(
            caller: .init(try req.caller), csrf: req.csrfToken, id: stored.id, title: stored.agreement.title, version: stored.version,
            editable: [.draft, .forApproval].contains(stored.agreement.status), status: stored.agreement.status.label,
            reviewDue: reviewDue ?? stored.agreement.reviewDue.description, flows: fields, flowCount: fields.count,
            reason: reason, problems: problems))
    }

    func page(req: Request) async throws -> View {
        let (stored, form) = try await load(req)
        return try await render(req, stored, form: form)
    }

    func save(req: Request) async throws -> Response {
        let (stored, form) = try await load(req)
        try req.requireCSRF()
        let fields = AgreementTermsForm.parse(req.body.string ?? "")
        func first(_ name: String) -> String { fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let count = min(Int(first("flow-count")) ?? 0, 200)
        let (flows, problems) = form.flows(from: fields, count: count)
        let reason = first("reason")
        func refuse(_ problems: [String]) async throws -> Response {
            // Show what was posted, not the stored terms, so nothing typed is lost.
            let shown = flows.enumerated().map { form.fields(number: $0.offset + 1, flow: $0.element) } + [form.fields(number: flows.count + 1, flow: nil)]
            let response = try await render(req, stored, form: form, flows: problems.isEmpty ? shown : nil, reviewDue: first("review-due"),
                                            reason: reason, problems: problems).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        guard problems.isEmpty else { return try await refuse(problems) }
        let request = AgreementChangeRequest(change: "revise", reason: reason, version: Int(first("version")), flows: flows,
                                             reviewDue: first("review-due"))
        do {
            let updated = try await AgreementLifecycle.change(req, id: stored.id, request)
            return req.redirect(to: "/agreements/\(updated.id.uuidString)?done=" + (updated.agreement.status.label
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        } catch let problem as AgreementChangeProblem {
            return try await refuse([problem.description])
        } catch let conflict as AgreementVersionConflict {
            return try await refuse([conflict.description])
        }
    }
}
