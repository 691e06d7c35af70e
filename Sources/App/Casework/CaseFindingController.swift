import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// The case-finding list: households with several needs and no lead
/// professional, ranked with the reasons on every row, for an analyst to
/// decide on. It ranks; a person decides.
struct CaseFindingController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("case-finding")
        if api {
            group.get(use: json)
        } else {
            group.get(use: page)
            group.post(":id", "decision", use: decide)
        }
    }

    struct Query: Content {
        var district: String?
        var need: String?
        var done: String?
        var error: String?
    }

    struct Row: Content {
        var householdID: String
        var district: String?
        var score: Int
        var needs: [String]
        var explanation: [String]
        var decision: String?
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var rows: [Row]
        var total: Int
        var district: String
        var need: String
        var needs: [Option]
        var outcomes: [Option]
        var message: String?
        var error: String?
    }

    struct Option: Encodable {
        var value: String
        var label: String
    }

    func rows(_ req: Request, query: Query, limit: Int) async throws -> ([Row], Int) {
        _ = try ReviewController.requireReviewer(req, refusal: .caseFindingNotForRole)
        let sql = try req.sql()
        let list = try await req.application.casework.caseFindingList(sql, today: CalendarDate.today(at: Date()))
        let filter = CaseFindingFilter(district: query.district.flatMap { $0.isEmpty ? nil : $0 },
                                       need: query.need.flatMap { FamilyNeed(rawValue: $0) })
        let ranked = list.ranked(filter)
        let shown = Array(ranked.prefix(limit))
        // The list is built from what partners hold about each household's members: ask the decision for each.
        // Evidence names partners by their display names; the decision wants slugs.
        let slugOf = Dictionary(try await PartnershipRepository(database: sql).partners().map { ($0.name, $0.slug) },
                                uniquingKeysWith: { first, _ in first })
        var items: [UUID: [HeldItem]] = [:]
        for entry in shown {
            guard let id = UUID(uuidString: entry.householdID) else { continue }
            items[id] = entry.needs.assessments.flatMap(\.findings).flatMap(\.events).map {
                HeldItem(heldBy: slugOf[$0.partner] ?? $0.partner, category: $0.category.dataCategory)
            }
        }
        let decisions = try await req.decideAccess(to: items, resource: "case-finding-list")
        let latest = try await CaseworkRepository(database: sql).latestDecisions()
        let rows = shown.compactMap { entry -> Row? in
            guard let id = UUID(uuidString: entry.householdID), let decision = decisions[id], !decision.visibleIndices.isEmpty else { return nil }
            return Row(householdID: entry.householdID, district: entry.postcodeDistrict, score: entry.score.total,
                       needs: entry.indicatedNeeds.map(\.outcome), explanation: entry.score.explanation,
                       decision: latest[id].map { "\($0.outcome.replacingOccurrences(of: "-", with: " ")): \($0.reason)" })
        }
        return (rows, ranked.count)
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let query = try req.query.decode(Query.self)
        let (rows, total) = try await rows(req, query: query, limit: 50)
        return try await req.renderPage("case-finding", Page(
            caller: .init(caller), csrf: req.csrfToken, rows: rows, total: total, district: query.district ?? "",
            need: query.need ?? "", needs: FamilyNeed.allCases.map { Option(value: $0.rawValue, label: $0.outcome) },
            outcomes: ReviewDecision.Outcome.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            message: query.done.map { _ in "Decision recorded." }, error: query.error))
    }

    func json(req: Request) async throws -> [Row] {
        try await rows(req, query: try req.query.decode(Query.self), limit: 200).0
    }

    func decide(req: Request) async throws -> Response {
        try req.requireCSRF()
        let caller = try ReviewController.requireReviewer(req, refusal: .caseFindingNotForRole)
        let id = try req.parameters.id(of: "household")
        struct Form: Content { var outcome: String?; var reason: String? }
        let form = try req.content.decode(Form.self)
        let sql = try req.sql()
        let today = CalendarDate.today(at: Date())
        let list = try await req.application.casework.caseFindingList(sql, today: today)
        guard let entry = list.entry(for: id.uuidString) else { throw Abort(.notFound, reason: "that household is not on the list") }
        guard let outcome = form.outcome.flatMap(ReviewDecision.Outcome.init(rawValue:)) else {
            return req.redirect(to: "/case-finding?error=" + "Choose an outcome.".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
        let decision: ReviewDecision
        do {
            decision = try ReviewDecision(about: entry, outcome: outcome, reason: form.reason ?? "", reviewer: caller.userID.uuidString, decidedOn: today)
        } catch {
            return req.redirect(to: "/case-finding?error=" + error.reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
        try await CaseworkRepository(database: sql).recordDecision(
            household: id, outcome: decision.outcome.rawValue, reason: decision.reason, reviewer: caller.userID,
            ruleSetVersion: decision.ruleSetVersion, scoreSeen: decision.scoreSeen, at: Date())
        try await req.audit(.write, subject: "household:\(id.uuidString)", resource: "case-finding-decision score:\(decision.scoreSeen)",
                            reason: "\(decision.outcome.rawValue): \(decision.reason.prefix(300))", purpose: "case-finding")
        return req.redirect(to: "/case-finding?done=1")
    }
}
