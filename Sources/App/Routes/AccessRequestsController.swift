import Foundation
import Policy
import Storage
import Vapor

/// Request and response between partners. A practitioner the access decision
/// shows only "known to N partners" asks, with a reason; each partner holding
/// what was withheld is asked without the requester learning which partners
/// they are; the holding partner's administrator or DPO answers yes or no with a
/// reason. A yes opens that partner's items, still under the agreements, for
/// 90 days. Every step is audited.
struct AccessRequestsController: RouteCollection {
    static let grantLasts: TimeInterval = 90 * 86_400

    func boot(routes: any RoutesBuilder) throws {
        routes.post("people", ":id", "access-requests", use: ask)
        routes.get("access-requests", use: page)
        routes.post("access-requests", ":id", "answer", use: answer)
    }

    struct AskForm: Content { var reason: String }
    struct AnswerForm: Content { var decision: String; var answer: String }

    func ask(req: Request) async throws -> Response {
        let caller = try req.caller
        try req.requireCSRF()
        let id = try req.parameters.id(of: "person")
        let reason = try req.content.decode(AskForm.self).reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 10 else {
            return req.redirect(to: "/people/\(id)?problem=" + "Say why you need the information (at least 10 characters): the holding partners decide on it."
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
        guard let page = try await PersonFinder(database: try req.sql()).personPage(id) else { throw Abort(.notFound, reason: "no such person") }
        // Ask the decision again: exactly the partners whose items are withheld now are asked.
        let decision = try await req.decideAccess(to: [id: page.heldItems], resource: "access-request")[id]!
        // The requester's own partner is never asked: nobody there may answer
        // (separation of duties); its own records need an allocation instead.
        let holders = decision.withheld.map(\.holder).filter { $0 != caller.partner }
        guard !holders.isEmpty else {
            return req.redirect(to: "/people/\(id)?problem=" + ("No other partner holds what is withheld from you here. "
                + "Ask your own organisation to allocate you to this person.").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
        let made = try await AccessRequestRepository(database: try req.sql()).request(
            requester: caller.userID, name: caller.displayName, partner: caller.partner, person: id, holders: holders,
            reason: String(reason.prefix(1_000)), at: Date())
        try await req.audit(.write, subject: "person:\(id.uuidString)", resource: "access-request partners:\(made)",
                            reason: String(reason.prefix(300)))
        return req.redirect(to: "/people/\(id)?requested=\(made)")
    }

    struct Waiting: Encodable {
        var id: UUID
        var requester: String
        var requesterPartner: String
        var reason: String
        var requestedAt: String
        var yourRecords: String
    }

    struct Mine: Encodable {
        var personID: UUID
        var status: String
        var partner: String
        var answer: String?
        var requestedAt: String
        var until: String?
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var answers: Bool
        var waiting: [Waiting]
        var mine: [Mine]
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let sql = try req.sql()
        let repository = AccessRequestRepository(database: sql)
        let formatter = ISO8601DateFormatter()
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let answers = Capability.decideAccessRequests.decide(for: requester, partner: caller.partner) == nil
        var waiting: [Waiting] = []
        if answers {
            let people = PeopleRepository(database: sql)
            for request in try await repository.waiting(for: caller.partner)
            where SeparationOfDuties.refusal(answerer: requester, requesterID: request.requester.uuidString,
                                             requesterPartner: request.requesterPartner) == nil {
                // The answering partner sees only its own record ids for the person, to look them up at home.
                let own = try await people.sourceRecords(of: request.personID).filter { $0.partner == caller.partner }.map(\.recordID)
                waiting.append(Waiting(id: request.id, requester: request.requesterName,
                                       requesterPartner: names[request.requesterPartner] ?? request.requesterPartner,
                                       reason: request.reason, requestedAt: formatter.string(from: request.requestedAt),
                                       yourRecords: own.joined(separator: ", ")))
            }
        }
        let mine = try await repository.made(by: caller.userID).map { request in
            // Which partners were asked stays hidden until one says yes.
            Mine(personID: request.personID, status: request.status.rawValue,
                 partner: request.status == .granted ? names[request.holder] ?? request.holder : "a partner",
                 answer: request.answer, requestedAt: formatter.string(from: request.requestedAt),
                 until: request.expiresAt.map(formatter.string(from:)))
        }
        return try await req.renderPage("access-requests", Page(caller: .init(caller), csrf: req.csrfToken, answers: answers,
                                                                  waiting: waiting, mine: mine))
    }

    func answer(req: Request) async throws -> Response {
        try req.requireCSRF()
        let id = try req.parameters.id(of: "access request")
        let repository = AccessRequestRepository(database: try req.sql())
        guard let request = try await repository.find(id) else { throw Abort(.notFound, reason: "no such access request") }
        // The holding partner's administrator or DPO decides; anyone else is refused (and audited).
        let caller = try await req.requireCapability(.decideAccessRequests, partner: request.holder, subject: "access-request:\(id.uuidString)")
        let answerer = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        if let denial = SeparationOfDuties.refusal(answerer: answerer, requesterID: request.requester.uuidString,
                                                   requesterPartner: request.requesterPartner) {
            try await req.audit(.accessDecision, subject: "access-request:\(id.uuidString)", resource: "answer", decision: .deny,
                                reason: denial.description, purpose: "governance")
            throw Refusal.policy(denial)
        }
        let form = try req.content.decode(AnswerForm.self)
        let text = form.answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard ["grant", "refuse"].contains(form.decision), !text.isEmpty else {
            throw Abort(.unprocessableEntity, reason: "choose grant or refuse, and give the reason the requester will read")
        }
        let grant = form.decision == "grant"
        let now = Date()
        guard try await repository.answer(id, grant: grant, by: caller.displayName, answer: String(text.prefix(1_000)), at: now,
                                          expiresAt: grant ? now.addingTimeInterval(Self.grantLasts) : nil) else {
            throw Abort(.conflict, reason: "this request has already been answered")
        }
        try await req.audit(.accessDecision, subject: "person:\(request.personID.uuidString)",
                            resource: "access-request:\(id.uuidString) requester:\(request.requester.uuidString)",
                            decision: grant ? .permit : .deny, reason: "request and response: " + String(text.prefix(300)))
        return req.redirect(to: "/access-requests")
    }
}
