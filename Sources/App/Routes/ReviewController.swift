import Foundation
import Linkage
import Storage
import Vapor

/// The clerical review queue: pairs the linker was unsure about, decided by a
/// partnership analyst with a reason. Pages at `/review`, JSON at `/api/v1/review`.
struct ReviewController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let review = routes.grouped("review")
        if api {
            review.get(use: list)
            review.post(":id", use: decideJSON)
        } else {
            review.get(use: page)
            review.post(":id", use: decideForm)
        }
    }

    struct Decision: Content {
        var decision: String
        var reason: String?
        var csrf: String?
    }

    struct ReviewPage: Encodable {
        var caller: CallerView
        var csrf: String
        var open: Int
        /// Pairs the cannot-link rule decided, listed on their own for a reviewer to overturn.
        var ruled: Int
        var showingRuled: Bool
        var pairs: [PairView]
        var message: String?
        var error: String?
    }

    /// One pair as the page shows it: the probability in words ("99.9%"), not a raw float.
    struct PairView: Encodable {
        var id: UUID
        var chance: String
        var explanation: [String]
        var first: ReviewPair.Side
        var second: ReviewPair.Side

        init(_ pair: ReviewPair) {
            id = pair.id
            chance = ReviewEvidence.words(forProbability: pair.probability)
            explanation = pair.explanation
            first = pair.first
            second = pair.second
        }
    }

    /// Only the hub's analysts decide links: they act as central controller.
    /// `refusal` names the page refused, so a practitioner who opens case
    /// finding is not told about linkage review.
    static func requireReviewer(_ req: Request, refusal: Refusal = .linkageReviewNotForRole) throws -> Caller {
        let caller = try req.caller
        guard caller.roles.contains("analyst") else { throw refusal }
        return caller
    }

    func page(req: Request) async throws -> View {
        let caller = try Self.requireReviewer(req)
        let repository = ReviewRepository(database: try req.sql())
        let showingRuled = req.query[String.self, at: "show"] == "ruled"
        let stored = try await repository.pairs(showingRuled ? .ruledDifferent : .open)
        let pairs = try await req.decidingNames(of: stored, resource: showingRuled ? "review-page-ruled" : "review-page")
        try await req.audit(.read, subject: showingRuled ? "review-ruled-pairs" : "review-queue", resource: "pairs:\(pairs.count)",
                            reason: "linkage review", purpose: "case-finding")
        return try await req.renderPage("review", ReviewPage(
            caller: .init(caller), csrf: req.csrfToken, open: try await repository.openCount(),
            ruled: try await repository.count(.ruledDifferent), showingRuled: showingRuled, pairs: pairs.map(PairView.init),
            message: req.query[String.self, at: "done"].map { _ in "Decision recorded." },
            error: req.query[String.self, at: "error"]))
    }

    func list(req: Request) async throws -> [ReviewPair] {
        _ = try Self.requireReviewer(req)
        let pairs = try await req.decidingNames(of: try await ReviewRepository(database: try req.sql()).openPairs(limit: 100),
                                                resource: "api-review")
        try await req.audit(.read, subject: "review-queue", resource: "pairs:\(pairs.count)", reason: "linkage review",
                            purpose: "case-finding")
        return pairs
    }

    func decideForm(req: Request) async throws -> Response {
        try req.requireCSRF()
        do {
            try await decide(req)
        } catch let abort as Abort where abort.status == .badRequest {
            return req.redirect(to: "/review?error=" + (abort.reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return req.redirect(to: "/review?done=1")
    }

    func decideJSON(req: Request) async throws -> HTTPStatus {
        try await decide(req)
        return .noContent
    }

    private func decide(_ req: Request) async throws {
        let caller = try Self.requireReviewer(req)
        let id = try req.parameters.id(of: "review pair")
        let decision = try req.content.decode(Decision.self)
        guard ["same-person", "different-people"].contains(decision.decision) else {
            throw Abort(.badRequest, reason: "Choose whether the records are the same person or different people.")
        }
        let reason = decision.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard reason.count >= 5 else {
            throw Abort(.badRequest, reason: "Give a reason for the decision (at least 5 characters).")
        }
        let applied = try await req.application.storeLinker.decide(
            pair: id, samePerson: decision.decision == "same-person", reason: String(reason.prefix(500)),
            reviewer: caller.userID, partner: caller.partner, database: req.db, audit: req.application.auditTrail)
        guard applied else { throw Abort(.notFound, reason: "that pair is not waiting for review") }
    }
}

extension ReviewPair: Content {}
