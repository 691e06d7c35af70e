import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// Request and response for partners known only through an encoded match. A practitioner
/// who may see the person asks the partner, with a purpose and a reason, to disclose its
/// involvement; the partner's DPO or partner administrator sees the request (with only the
/// partner's own record ids, never the person's name) and discloses a short involvement
/// note and a contact, which then show to the requester on the person's page, or declines
/// with a reason. Every step is audited; refusals come from ``Refusal``.
struct PartnerDisclosuresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("people", ":id", "partner-disclosures", use: ask)
        routes.get("partner-disclosures", use: page)
        routes.post("partner-disclosures", ":id", "answer", use: answer)
    }

    struct AskForm: Content {
        var partner: String?
        var purpose: String?
        var reason: String?
    }

    struct AnswerForm: Content {
        var decision: String?
        var note: String?
        var contact: String?
        var reason: String?
    }

    func ask(req: Request) async throws -> Response {
        let caller = try req.caller
        guard caller.roles.contains(Role.practitioner.rawValue) else { throw Refusal.partnerDisclosureNotForRole }
        let id = try req.parameters.id(of: "person")
        let form = try req.content.decode(AskForm.self)
        guard let page = try await PersonFinder(database: try req.sql()).personPage(id) else {
            throw Abort(.notFound, reason: "no such person")
        }
        // The person's own records decide whether the caller may see them at all.
        let decision = try await req.decideAccess(to: [id: page.heldItems], resource: "partner-disclosure")[id]!
        guard decision.visibleIndices.contains(where: { $0 < page.records.count }) else { throw Refusal.partnerDisclosureNeedsSight }
        // Asked again on submit, as the page decided it: only a partner the page shows as knowing them.
        let partner = form.partner ?? ""
        let shown = try await req.knownToMatches(of: [id], resource: "partner-disclosure")[id] ?? []
        guard shown.contains(where: { $0.partner == partner }) else { throw Refusal.partnerDisclosurePartnerNotShown }
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let purpose = form.purpose.flatMap(Purpose.init(rawValue:)), KnownToPartner.purposes.contains(purpose) else {
            return problem(req, id, "Choose the purpose you need the partner's involvement for.")
        }
        guard reason.count >= 10 else {
            return problem(req, id, "Say why you need the partner to disclose its involvement (at least 10 characters): the partner decides on it.")
        }
        let made = try await PartnerDisclosureRepository(database: try req.sql()).request(
            person: id, partner: partner, requester: caller.userID, name: caller.displayName, requesterPartner: caller.partner,
            purpose: purpose.rawValue, reason: String(reason.prefix(1_000)), at: Date())
        try await req.audit(.write, subject: "person:\(id.uuidString)",
                            resource: "partner-disclosure partner:\(partner) asked:\(made == nil ? 0 : 1)",
                            reason: String(reason.prefix(300)), purpose: purpose.rawValue)
        return req.redirect(to: "/partner-disclosures")
    }

    func problem(_ req: Request, _ id: UUID, _ text: String) -> Response {
        req.redirect(to: "/people/\(id.uuidString)?problem=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    struct Waiting: Encodable {
        var id: UUID
        var requester: String
        var requesterPartner: String
        var purpose: String
        var reason: String
        var requestedAt: String
        var yourRecords: String
    }

    struct Mine: Encodable {
        var personID: UUID
        var partner: String
        var purpose: String
        var status: String
        var requestedAt: String
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var answers: Bool
        var asks: Bool
        var waiting: [Waiting]
        var mine: [Mine]
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let sql = try req.sql()
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let answers = Capability.decideAccessRequests.decide(for: requester, partner: caller.partner) == nil
        let asks = caller.roles.contains(Role.practitioner.rawValue)
        guard answers || asks else { throw Refusal.partnerDisclosureNotForRole }
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let repository = PartnerDisclosureRepository(database: sql)
        func purpose(_ raw: String) -> String { Purpose(rawValue: raw)?.plainLabel ?? raw }
        var waiting: [Waiting] = []
        if answers {
            let pending = try await repository.waiting(for: caller.partner)
            let matches = try await EncodedMatchRepository(database: sql).matches(of: Array(Set(pending.map(\.personID))))
            for request in pending where SeparationOfDuties.refusal(answerer: requester, requesterID: request.requester.uuidString,
                                                                    requesterPartner: request.requesterPartner) == nil {
                // The partner sees only its own record ids for the person, to look them up at home.
                let own = (matches[request.personID] ?? []).filter { $0.partner == caller.partner }.map(\.recordID)
                waiting.append(Waiting(id: request.id, requester: request.requesterName,
                                       requesterPartner: names[request.requesterPartner] ?? request.requesterPartner,
                                       purpose: purpose(request.purpose), reason: request.reason,
                                       requestedAt: GovernanceTime.text(request.requestedAt), yourRecords: own.joined(separator: ", ")))
            }
            try await req.audit(.read, subject: "partner-disclosures", resource: "partner-disclosures waiting:\(waiting.count)",
                                reason: "the partner's waiting disclosure requests", purpose: "governance")
        }
        // The answers themselves show on the person's page, through the access decision, not here;
        // a request shows only while its person and the partner's knowing them still would there.
        var mine: [Mine] = []
        if asks {
            let made = try await repository.made(by: caller.userID)
            let named = try await req.peopleNamed(Array(Set(made.map(\.personID))), resource: "partner-disclosures mine")
            let shown = try await req.knownToMatches(of: Array(named), resource: "partner-disclosures mine")
            mine = made.filter { request in shown[request.personID]?.contains { $0.partner == request.partner } ?? false }.map { request in
                Mine(personID: request.personID, partner: names[request.partner] ?? request.partner, purpose: purpose(request.purpose),
                     status: request.status.rawValue, requestedAt: GovernanceTime.text(request.requestedAt))
            }
        }
        return try await req.renderPage("partner-disclosures", Page(caller: .init(caller), csrf: req.csrfToken, answers: answers,
                                                                      asks: asks, waiting: waiting, mine: mine))
    }

    func answer(req: Request) async throws -> Response {
        let id = try req.parameters.id(of: "disclosure request")
        let repository = PartnerDisclosureRepository(database: try req.sql())
        guard let request = try await repository.find(id) else { throw Abort(.notFound, reason: "no such disclosure request") }
        // Only the asked partner's DPO or administrator answers; anyone else is refused and audited.
        let caller = try await req.requireCapability(.decideAccessRequests, partner: request.partner,
                                                     subject: "partner-disclosure:\(id.uuidString)")
        let answerer = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        if let denial = SeparationOfDuties.refusal(answerer: answerer, requesterID: request.requester.uuidString,
                                                   requesterPartner: request.requesterPartner) {
            try await req.audit(.accessDecision, subject: "partner-disclosure:\(id.uuidString)", resource: "answer", decision: .deny,
                                reason: denial.description, purpose: "governance")
            throw Refusal.policy(denial)
        }
        let form = try req.content.decode(AnswerForm.self)
        func text(_ value: String?, _ limit: Int) -> String? {
            let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(limit))
        }
        let note = text(form.note, 1_000), contact = text(form.contact, 300), reason = text(form.reason, 1_000)
        let disclose: Bool
        switch form.decision {
        case "disclose" where note != nil && contact != nil: disclose = true
        case "decline" where reason != nil: disclose = false
        default:
            throw Abort(.unprocessableEntity, reason: "disclose with a short note of your involvement and a contact, "
                        + "or decline with the reason the requester will read")
        }
        guard try await repository.answer(id, disclose: disclose, by: caller.displayName, note: disclose ? note : nil,
                                          contact: disclose ? contact : nil, reason: disclose ? nil : reason, at: Date()) else {
            throw Abort(.conflict, reason: "this disclosure request has already been answered")
        }
        try await req.audit(.accessDecision, subject: "person:\(request.personID.uuidString)",
                            resource: "partner-disclosure:\(id.uuidString) requester:\(request.requester.uuidString)",
                            decision: disclose ? .permit : .deny,
                            reason: disclose ? "request and response: involvement disclosed"
                                : "request and response: declined: " + String((reason ?? "").prefix(300)),
                            purpose: "governance")
        return req.redirect(to: "/partner-disclosures")
    }
}
