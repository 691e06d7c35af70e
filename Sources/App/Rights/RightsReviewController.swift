import Foundation
import LanternDomain
import Ledger
import Storage
import Vapor

/// The rights-request workbench at `/rights-requests/:id/review`: each holding
/// partner's review of its items (redactions, each with an exemption code and
/// reason; other people's names proposed by default, practitioners' not),
/// rectification (disputed records, corrected versions sent on), objection
/// and erasure decisions. Open only for an open request whose requester's
/// identity is settled; every step is audited.
struct RightsReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("rights-requests", ":id", "review")
        group.get(use: page)
        group.post(":action", use: act)
    }

    enum Action: String, CaseIterable {
        case redact, withdraw, done, dispute, corrected, objection, erasure
    }

    /// The request, if the DPO may work on it now; a refusal otherwise, audited.
    private func openRequest(_ req: Request) async throws -> (Caller, StoredRightsRequest) {
        let caller = try await req.requireCapability(.answerRightsRequests, subject: "rights-requests")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let request = try await RightsRequestRepository(database: try req.sql()).find(id) else {
            throw Abort(.notFound, reason: "no such rights request")
        }
        guard request.status == .open, request.clock.start != nil else {
            try await req.audit(.read, subject: "person:\(request.personID.uuidString)", resource: "rights-request-review:\(request.reference)",
                                decision: .deny, reason: "no open request with identity settled", purpose: "rights-request")
            throw Refusal.rightsReviewNeedsIdentity
        }
        return (caller, request)
    }

    func page(req: Request) async throws -> View {
        let (caller, request) = try await openRequest(req)
        let sql = try req.sql()
        guard let person = try await PersonFinder(database: sql).personPage(request.personID)?
            .decided(for: req, resource: "rights-request-review") else { throw Abort(.notFound, reason: "the subject is no longer held") }
        let holders = Set(try await PeopleRepository(database: sql).sourceRecords(of: request.personID).map(\.partner))
        let reviews = RightsReviewRepository(database: sql)
        try await reviews.ensureTasks(for: request.id, holders: holders, at: Date())
        let tasks = try await reviews.reviews(of: request.id)
        let redactions = Dictionary(try await reviews.redactions(of: request.id).map { ("\($0.redaction.holder) \($0.redaction.item)", $0) },
                                    uniquingKeysWith: { first, _ in first })
        // Each holding partner's latest decision per item, made on its own review task.
        let decided = Dictionary(try await RightsReviewTaskRepository(database: sql).decisions(of: request.id).map { ("\($0.partner) \($0.item)", $0) },
                                 uniquingKeysWith: { _, latest in latest })
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let household = try await HouseholdRepository(database: sql).household(of: request.personID)
        let thirdParties = ThirdPartyRedaction(thirdParties: household?.members.filter { $0.personID != request.personID }.map(\.name) ?? [],
                                               subject: person.displayName)
        let partners = tasks.map { task in
            RightsReviewPage.PartnerReview(
                slug: task.partner, name: names[task.partner] ?? task.partner, done: task.status == .done,
                state: task.status == .done ? "Reviewed by \(task.reviewerName ?? "")" + (task.note.map { ": \($0)" } ?? "") : "To review",
                items: RightsReviewPage.items(of: person, partner: task.partner, thirdParties: thirdParties, redactions: redactions,
                                              decisions: decided))
        }
        let disputes = try await DisputeRepository(database: sql).disputes(of: request.id).map { dispute in
            RightsReviewPage.DisputeRow(
                id: dispute.id.uuidString, partner: names[dispute.partner] ?? dispute.partner, record: "\(dispute.kind.rawValue) \(dispute.recordID)",
                whatIsWrong: dispute.whatIsWrong,
                state: dispute.isOpen ? "Disputed (version \(dispute.disputedVersion)): correction asked for"
                    : "Corrected (version \(dispute.correctedVersion ?? 0)); \(dispute.recipientsTold ?? 0) recipient partner(s) told",
                open: dispute.isOpen)
        }
        let decisions = try await RightsDecisionRepository(database: sql).decisions(of: request.id).map { stored in
            stored.decision.outcome.label + (stored.decision.reason.map { ": \($0)" } ?? "")
                + (stored.decision.outcome == .erasureAgreed ? (stored.disposalReference.map { " (disposal \($0))" } ?? " (awaiting disposal)") : "")
        }
        try await req.audit(.read, subject: "person:\(request.personID.uuidString)", resource: "rights-request-review:\(request.reference)",
                            reason: "partners' review of items for the request", purpose: "rights-request")
        return try await req.renderPage("rights-request-review", RightsReviewPage(
            caller: .init(caller), csrf: req.csrfToken, requestID: request.id.uuidString, reference: request.reference,
            subject: person.displayName, kinds: request.kinds.map(\.label).joined(separator: "; "), partners: partners,
            exemptions: Exemption.allCases.map { .init(value: $0.rawValue, label: $0.citation) },
            rectification: request.kinds.contains(.rectification), objection: request.kinds.contains(.objection),
            erasure: request.kinds.contains(.erasure), disputes: disputes, decisions: decisions,
            problem: req.query[String.self, at: "problem"], done: req.query[String.self, at: "done"]))
    }

    func act(req: Request) async throws -> Response {
        let (caller, request) = try await openRequest(req)
        try req.requireCSRF()
        guard let action = req.parameters.get("action").flatMap(Action.init(rawValue:)) else { throw Abort(.notFound) }
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let step = RightsReviewStep(req: req, caller: caller, request: request)
        let outcome: RightsReviewStep.Outcome
        do {
            switch action {
            case .redact: outcome = try await step.redact(partner: field("partner"), item: field("item"),
                                                          exemption: Exemption(rawValue: field("exemption")), reason: field("reason"))
            case .withdraw: outcome = try await step.withdraw(UUID(uuidString: field("redaction")))
            case .done: outcome = try await step.complete(partner: field("partner"), reviewer: field("reviewer"), note: field("note"))
            case .dispute: outcome = try await step.dispute(item: field("item"), whatIsWrong: field("note"))
            case .corrected: outcome = try await step.corrected(UUID(uuidString: field("dispute")))
            case .objection: outcome = try await step.objection(grounds: field("grounds"))
            case .erasure: outcome = try await step.erasure(agreed: field("decision") == "agree", reason: field("reason"))
            }
        } catch let refusal as Redaction.Refusal {
            outcome = .refused(refusal.description)
        } catch let refusal as RightsDecision.Refusal {
            outcome = .refused(refusal.description)
        }
        let path = "/rights-requests/\(request.id.uuidString)/review"
        switch outcome {
        case .done(let what):
            try await req.audit(.write, subject: "person:\(request.personID.uuidString)",
                                resource: "rights-request:\(request.reference) \(action.rawValue)", reason: String(what.prefix(300)),
                                purpose: "rights-request")
            return req.redirect(to: path + "?done=" + (what.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        case .refused(let why):
            try await req.audit(.write, subject: "person:\(request.personID.uuidString)",
                                resource: "rights-request:\(request.reference) \(action.rawValue)", decision: .deny,
                                reason: String(why.prefix(300)), purpose: "rights-request")
            return req.redirect(to: path + "?problem=" + (why.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }
}
