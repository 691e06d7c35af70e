import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/tokens`: a partner administrator's page for the API tokens their
/// partner's feeds use (a system administrator sees every partner's): list
/// them, make one (the secret is shown once, on the response that made it)
/// and revoke one. Every change is audited; forms carry the anti-forgery
/// token like every other change made with the session.
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tokens", use: page)
        routes.post("tokens", use: add)
        routes.post("tokens", ":id", "revoke", use: revoke)
    }

    struct Row: Encodable {
        var id: UUID
        var partner: String
        var name: String
        var purposes: String
        var created: String
        var lastUsed: String?
        var revoked: String?
    }

    struct Option: Encodable {
        var value: String
        var checked: Bool
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var rows: [Row]
        var partners: [String]
        var purposes: [Option]
        var secret: String?
        var message: String?
        var problem: String?
    }

    struct AddForm: Content {
        var partner: String?
        var name: String
        var purposes: [String]?
    }

    /// The partners whose tokens the caller manages (accounts are a partner
    /// administrator's, for their own partner); refuses and audits anyone else.
    func managed(_ req: Request) async throws -> (Caller, [String]) {
        let caller = try req.caller
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let all = try await PartnershipRepository(database: try req.sql()).partners().map(\.slug)
        let partners = all.filter { Capability.manageAccounts.decide(for: requester, partner: $0) == nil }
        if partners.isEmpty { _ = try await req.requireCapability(.manageAccounts, partner: caller.partner, subject: "api-tokens") }
        return (caller, partners)
    }

    func render(_ req: Request, partners: [String], secret: String? = nil, message: String? = nil,
                problem: String? = nil) async throws -> Response {
        let tokens = try await AccountSecurityRepository(database: try req.sql()).tokens(partners: Set(partners))
        let rows = tokens.map { token in
            Row(id: token.id, partner: token.partner, name: token.name, purposes: token.purposes.joined(separator: ", "),
                created: GovernanceTime.text(token.createdAt), lastUsed: token.lastUsedAt.map(GovernanceTime.text),
                revoked: token.revokedAt.map(GovernanceTime.text))
        }
        let page = Page(caller: .init(try req.caller), csrf: req.csrfToken, rows: rows, partners: partners,
                        purposes: Purpose.allCases.map { Option(value: $0.rawValue, checked: $0 == .caseFinding) },
                        secret: secret, message: message, problem: problem)
        let response = try await req.renderPage("tokens", page).encodeResponse(for: req)
        if problem != nil { response.status = .unprocessableEntity }
        // The secret must not be kept by a browser or proxy cache.
        if secret != nil { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }

    func page(req: Request) async throws -> Response {
        let (_, partners) = try await managed(req)
        return try await render(req, partners: partners, message: req.query[String.self, at: "revoked"].map { _ in "The token is revoked." })
    }

    func add(req: Request) async throws -> Response {
        let (caller, partners) = try await managed(req)
        let form = try req.content.decode(AddForm.self)
        let partner = form.partner.flatMap { $0.isEmpty ? nil : $0 } ?? caller.partner
        guard partners.contains(partner) else {
            _ = try await req.requireCapability(.manageAccounts, partner: partner, subject: "api-tokens")
            // Allowed, yet not among the partners: no partner has that name.
            throw Abort(.unprocessableEntity, reason: "no partner is called \"\(partner.prefix(60))\": choose one from the list")
        }
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return try await render(req, partners: partners, problem: "Name the token after the feed that uses it, for example Police nightly extract.") }
        let purposes = form.purposes ?? []
        if purposes.isEmpty { return try await render(req, partners: partners, problem: "Choose at least one purpose the feed serves.") }
        if let unknown = purposes.first(where: { Purpose(rawValue: $0) == nil }) {
            return try await render(req, partners: partners, problem: "\"\(unknown.prefix(50))\" is not a purpose in the agreements: choose from the list.")
        }
        let secret = APIToken.make()
        let id = try await AccountSecurityRepository(database: try req.sql()).addToken(
            name: String(name.prefix(200)), partner: partner, purposes: purposes, tokenHash: APIToken.hash(secret), at: Date())
        try await req.audit(.write, subject: "partner:\(partner)", resource: "api-token:\(id.uuidString) created",
                            reason: "token for \(name.prefix(200)), purposes \(purposes.joined(separator: ","))", purpose: "governance")
        return try await render(req, partners: partners, secret: secret)
    }

    func revoke(req: Request) async throws -> Response {
        let (_, partners) = try await managed(req)
        let repository = AccountSecurityRepository(database: try req.sql())
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let token = try await repository.tokens(partners: Set(partners)).first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "no token of a partner you manage has that id: reload /tokens")
        }
        if try await repository.revokeToken(id: id, at: Date()) {
            try await req.audit(.write, subject: "partner:\(token.partner)", resource: "api-token:\(id.uuidString) revoked",
                                reason: "revoked at /tokens", purpose: "governance")
        }
        return req.redirect(to: "/tokens?revoked=1")
    }
}
