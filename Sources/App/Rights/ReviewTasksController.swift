import Foundation
import LanternDomain
import Ledger
import Policy
import Storage
import Vapor

/// `/review-tasks`: a holding partner's own reviewers (its DPO or records
/// officer) answer its part of a rights request. Each opens its partner's
/// task, sees only that partner's items about the subject, and decides each:
/// disclose, redact a passage, or withhold, a redaction or withholding always
/// with its exemption code and reason. Completing the task shows on the
/// DPO's workbench and lets the pack leave draft.
///
/// Why the partner's own records officer may read these items when
/// ``AccessPolicy`` gives the role no case data: they are the partner's own
/// records (no sharing happens), read for the subject's own request, and the
/// controller answers in law for what of its data is disclosed. The
/// ``Capability/reviewOwnItems`` decision admits only the holding partner's
/// DPO or records officer, for that partner's task; every opening, decision
/// and refusal is audited.
struct ReviewTasksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("review-tasks")
        group.get(use: list)
        group.get(":id", use: page)
        group.post(":id", "decide", use: decide)
        group.post(":id", "complete", use: complete)
    }

    static let reviewerRoles: Set<String> = [Role.dpo.rawValue, Role.records.rawValue]

    func list(req: Request) async throws -> View {
        let caller = try await req.requireCapability(.reviewOwnItems, partner: try req.caller.partner, subject: "review-tasks")
        let sql = try req.sql()
        try await ReviewTaskAssignment.ensure(sql, at: Date())
        let requests = RightsRequestRepository(database: sql)
        let today = CalendarDate.today(at: Date())
        var rows: [ReviewTaskListPage.Row] = []
        for task in try await RightsReviewTaskRepository(database: sql).tasks(of: caller.partner) {
            guard let request = try await requests.find(task.requestID) else { continue }
            let open = task.status == .open && request.status == .open
            rows.append(.init(path: "/review-tasks/\(task.id.uuidString)", reference: request.reference,
                              kinds: request.kinds.map(\.label).joined(separator: "; "),
                              due: request.clock.dueDate(asOf: today)?.description ?? "not running",
                              state: task.status == .done ? "Reviewed" : (request.status == .open ? "To review" : "Request closed"), open: open))
        }
        return try await req.renderPage("review-tasks", ReviewTaskListPage(
            caller: .init(caller), csrf: req.csrfToken, partnerName: try await partnerName(caller.partner, req), tasks: rows))
    }

    /// The task, its request and the caller, if the caller reviews for the task's partner
    /// and the request is open with the requester's identity settled; a refusal otherwise, audited.
    private func openTask(_ req: Request) async throws -> (Caller, RightsReviewTask, StoredRightsRequest) {
        let caller = try req.caller
        let sql = try req.sql()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let task = try await RightsReviewTaskRepository(database: sql).find(id),
              let request = try await RightsRequestRepository(database: sql).find(task.requestID) else {
            throw Abort(.notFound, reason: "no such review task")
        }
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        if let denial = Capability.reviewOwnItems.decide(for: requester, partner: task.partner) {
            let otherPartner = !Self.reviewerRoles.isDisjoint(with: caller.roles)
            try await req.audit(.accessDecision, subject: "person:\(request.personID.uuidString)",
                                resource: "rights-review-task:\(request.reference) \(task.partner)", decision: .deny,
                                reason: otherPartner ? "the task is another partner's" : String(denial.description.prefix(500)),
                                purpose: "rights-request")
            throw otherPartner ? Refusal.reviewTaskOfAnotherPartner(partner: try await partnerName(task.partner, req)) : Refusal.policy(denial)
        }
        guard request.status == .open, request.clock.start != nil else {
            try await req.audit(.accessDecision, subject: "person:\(request.personID.uuidString)",
                                resource: "rights-review-task:\(request.reference) \(task.partner)", decision: .deny,
                                reason: "no open request with identity settled", purpose: "rights-request")
            throw Refusal.rightsReviewNeedsIdentity
        }
        return (caller, task, request)
    }

    private func partnerName(_ slug: String, _ req: Request) async throws -> String {
        try await PartnershipRepository(database: try req.sql()).partners().first { $0.slug == slug }?.name ?? slug
    }

    /// The partner's own items about the subject, undecided by ``AccessPolicy`` (see the type's comment), and their texts.
    private func ownItems(_ req: Request, task: RightsReviewTask, request: StoredRightsRequest) async throws
        -> (page: PersonPage, items: [RightsReviewPage.Item], texts: [String: String]) {
        let sql = try req.sql()
        guard let page = try await PersonFinder(database: sql).personPage(request.personID) else {
            throw Abort(.notFound, reason: "the subject is no longer held")
        }
        let household = try await HouseholdRepository(database: sql).household(of: request.personID)
        let own = page.records.first { $0.partner == task.partner }?.name ?? page.displayName
        let thirdParties = ThirdPartyRedaction(thirdParties: household?.members.filter { $0.personID != request.personID }.map(\.name) ?? [],
                                               subject: own)
        let items = RightsReviewPage.items(of: page, partner: task.partner, thirdParties: thirdParties, redactions: [:])
        return (page, items, ReviewTaskPage.texts(of: page, partner: task.partner))
    }

    func page(req: Request) async throws -> View {
        let (caller, task, request) = try await openTask(req)
        let (page, items, _) = try await ownItems(req, task: task, request: request)
        let decisions = Dictionary(try await RightsReviewTaskRepository(database: try req.sql()).decisions(of: request.id, partner: task.partner)
            .map { ($0.item, $0) }, uniquingKeysWith: { _, last in last })
        req.markAccessDecision("permit")
        try await req.audit(.read, subject: "person:\(request.personID.uuidString)",
                            resource: "rights-review-task:\(request.reference) \(task.partner) items:\(items.count)",
                            reason: "the holding partner's own items, reviewed for the subject's request", purpose: "rights-request")
        let rows = items.map { item in
            ReviewTaskPage.Item(key: item.key, label: item.label, preview: item.preview, proposed: item.proposed,
                                decision: ReviewTaskPage.words(decisions[item.key]), decided: decisions[item.key] != nil)
        }
        let reviews = try await RightsReviewRepository(database: try req.sql()).reviews(of: request.id)
        let review = reviews.first { $0.partner == task.partner }
        return try await req.renderPage("review-task", ReviewTaskPage(
            caller: .init(caller), csrf: req.csrfToken, taskID: task.id.uuidString, reference: request.reference,
            kinds: request.kinds.map(\.label).joined(separator: "; "), partnerName: try await partnerName(task.partner, req),
            subject: page.records.first { $0.partner == task.partner }?.name ?? "the subject",
            open: task.status == .open,
            state: task.status == .done ? "Reviewed by \(review?.reviewerName ?? "")" : "To review",
            items: rows, undecided: rows.filter { !$0.decided }.count,
            exemptions: Exemption.allCases.map { .init(value: $0.rawValue, label: $0.citation) },
            problem: req.query[String.self, at: "problem"], done: req.query[String.self, at: "done"]))
    }

    func decide(req: Request) async throws -> Response {
        let (caller, task, request) = try await openTask(req)
        try req.requireCSRF()
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let (_, _, texts) = try await ownItems(req, task: task, request: request)
        let outcome = try await ReviewTaskDecision(sql: try req.sql(), caller: caller, task: task, request: request, texts: texts)
            .record(item: field("item"), choice: RightsItemDecision.Choice(rawValue: field("choice")),
                    exemption: Exemption(rawValue: field("exemption")), reason: field("reason"), passage: field("passage"))
        return try await finish(req, task: task, request: request, step: "decide", outcome: outcome)
    }

    func complete(req: Request) async throws -> Response {
        let (caller, task, request) = try await openTask(req)
        try req.requireCSRF()
        let (_, items, _) = try await ownItems(req, task: task, request: request)
        let decided = Set(try await RightsReviewTaskRepository(database: try req.sql()).decisions(of: request.id, partner: task.partner).map(\.item))
        let outcome: RightsReviewStep.Outcome
        let undecided = items.filter { !decided.contains($0.key) }
        if task.status != .open {
            outcome = .refused("This review is already complete.")
        } else if !undecided.isEmpty {
            outcome = .refused("Decide every item first: \(undecided.count) still to decide (disclose, redact or withhold).")
        } else {
            let role = caller.roles.contains(Role.records.rawValue) ? Role.records.label : Role.dpo.label
            _ = try await RightsReviewRepository(database: try req.sql()).complete(
                request: request.id, partner: task.partner, reviewer: caller.userID, reviewerName: "\(caller.displayName), \(role)",
                note: nil, at: Date())
            outcome = .done("review complete: the data protection officer sees it on the request")
        }
        return try await finish(req, task: task, request: request, step: "complete", outcome: outcome)
    }

    private func finish(_ req: Request, task: RightsReviewTask, request: StoredRightsRequest, step: String,
                        outcome: RightsReviewStep.Outcome) async throws -> Response {
        let path = "/review-tasks/\(task.id.uuidString)"
        let (decision, words, key): (AuditDecision, String, String) = switch outcome {
        case .done(let what): (.permit, what, "done")
        case .refused(let why): (.deny, why, "problem")
        }
        try await req.audit(.write, subject: "person:\(request.personID.uuidString)",
                            resource: "rights-review-task:\(request.reference) \(task.partner) \(step)", decision: decision,
                            reason: String(words.prefix(300)), purpose: "rights-request")
        return req.redirect(to: path + "?\(key)=" + (words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}
