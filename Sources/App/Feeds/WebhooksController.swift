import Foundation
import Policy
import Storage
import Vapor

/// `/webhooks`: a partner administrator's page for their partner's alert
/// webhooks (a system administrator sees every partner's): subscribe an
/// endpoint (the signing secret is shown once), see what was delivered and
/// what waits, and revoke. Every change is audited.
struct WebhooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("webhooks", use: page)
        routes.post("webhooks", use: add)
        routes.post("webhooks", ":id", "revoke", use: revoke)
    }

    struct Row: Encodable {
        var id: UUID
        var partner: String
        var name: String
        var url: String
        var delivered: Int
        var waiting: Int
        var lastOutcome: String?
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var rows: [Row]
        var partners: [String]
        var secret: String?
        var problem: String?
    }

    struct AddForm: Content {
        var partner: String?
        var name: String
        var url: String
    }

    /// The partners whose feeds the caller manages; refuses (and audits) anyone who manages none.
    func managed(_ req: Request) async throws -> (Caller, [String]) {
        let caller = try req.caller
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let all = try await PartnershipRepository(database: try req.sql()).partners().map(\.slug)
        let partners = all.filter { Capability.manageFeeds.decide(for: requester, partner: $0) == nil }
        if partners.isEmpty { _ = try await req.requireCapability(.manageFeeds, partner: caller.partner, subject: "webhooks") }
        return (caller, partners)
    }

    func render(_ req: Request, partners: [String], secret: String? = nil, problem: String? = nil) async throws -> Response {
        let caller = try req.caller
        let repository = WebhookRepository(database: try req.sql())
        var rows: [Row] = []
        for subscription in try await repository.subscriptions(partners: Set(partners)) {
            let deliveries = try await repository.deliveries(of: subscription.id)
            rows.append(Row(id: subscription.id, partner: subscription.partner, name: subscription.name, url: subscription.url,
                            delivered: deliveries.filter(\.delivered).count, waiting: deliveries.filter { !$0.delivered }.count,
                            lastOutcome: deliveries.first?.outcome))
        }
        let response = try await req.renderPage("webhooks", Page(caller: .init(caller), csrf: req.csrfToken, rows: rows,
                                                                   partners: partners, secret: secret, problem: problem)).encodeResponse(for: req)
        if problem != nil { response.status = .unprocessableEntity }
        return response
    }

    func page(req: Request) async throws -> Response {
        let (_, partners) = try await managed(req)
        return try await render(req, partners: partners)
    }

    func add(req: Request) async throws -> Response {
        let (caller, partners) = try await managed(req)
        try req.requireCSRF()
        let form = try req.content.decode(AddForm.self)
        let partner = form.partner.flatMap { $0.isEmpty ? nil : $0 } ?? caller.partner
        guard partners.contains(partner) else {
            _ = try await req.requireCapability(.manageFeeds, partner: partner, subject: "webhooks")
            // Allowed, yet not among the partners: no partner has that name.
            throw Abort(.unprocessableEntity, reason: "no partner is called \"\(partner.prefix(60))\": choose one from the list")
        }
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let url = form.url.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return try await render(req, partners: partners, problem: "Name the endpoint, for example the case system it feeds.") }
        if let problem = try await WebhookEndpoint.problemResolving(url, allowPrivateTargets: req.application.allowsPrivateWebhookTargets) {
            return try await render(req, partners: partners, problem: "URL: \(problem).")
        }
        let secret = WebhookEndpoint.newSecret()
        let id = try await WebhookRepository(database: try req.sql()).addSubscription(
            partner: partner, name: String(name.prefix(200)), url: url, sealedSecret: try req.application.secretBox.seal(secret), at: Date())
        try await req.audit(.write, subject: "partner:\(partner)", resource: "webhook:\(id.uuidString) subscribed",
                            reason: "alerts to \(url.prefix(200))", purpose: "governance")
        // Shown on this response only: it is sealed in the store and never shown again.
        return try await render(req, partners: partners, secret: WebhookEndpoint.hex(secret))
    }

    func revoke(req: Request) async throws -> Response {
        let (_, partners) = try await managed(req)
        try req.requireCSRF()
        let id = try req.parameters.id(of: "webhook")
        guard let subscription = try await WebhookRepository(database: try req.sql()).subscriptions(partners: Set(partners))
                .first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "no webhook of a partner you manage has that id")
        }
        try await WebhookRepository(database: try req.sql()).revoke(id, at: Date())
        try await req.audit(.write, subject: "partner:\(subscription.partner)", resource: "webhook:\(id.uuidString) revoked",
                            reason: "no more alerts to \(subscription.url.prefix(200))", purpose: "governance")
        return req.redirect(to: "/webhooks")
    }
}
