import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// The owning partner's records officer reviews records whose retention rule
/// says "review" instead of destroying them (MoPI-style: a decision to keep
/// is recorded with its reason and the date of the next review; nothing is
/// kept for ever without one). Keeping releases the batch's records until
/// that date; disposing carries the batch out now, with its certificate.
enum RetentionReviewStep {
    struct Form: Content { var decision: String?; var reason: String?; var reviewOn: String? }

    static func review(req: Request) async throws -> Response {
        guard let key = req.parameters.get("id"), let batch = try await RetentionRepository(database: try req.sql()).batch(key) else {
            throw Abort(.notFound, reason: "no such disposal batch")
        }
        let caller = try await req.requireCapability(.approveDisposal, partner: batch.partner, subject: "disposal:\(batch.reference)")
        try req.requireCSRF()
        let form = try req.content.decode(Form.self)
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let today = CalendarDate.today(at: Date())
        func refuse(_ why: String) async throws -> Response {
            try await req.audit(.write, subject: "disposal:\(batch.reference)", resource: "retention review", decision: .deny,
                                reason: String(why.prefix(300)), purpose: "governance")
            return RetentionController.back(req, problem: why)
        }
        guard batch.action == RetentionRule.Action.review.rawValue, batch.status == .awaitingApproval else {
            return try await refuse("\(batch.reference) is not a review waiting for a decision.")
        }
        guard let decision = form.decision.flatMap(RetentionReviewRepository.Decision.init(rawValue:)) else {
            return try await refuse("Choose whether to keep the records or dispose of them.")
        }
        guard reason.count >= 5 else { return try await refuse("Say why (at least 5 characters): every review decision is recorded with its reason.") }
        let sql = try req.sql()
        let reviews = RetentionReviewRepository(database: sql)
        let records = RetentionRepository(database: sql)
        switch decision {
        case .keep:
            guard let next = form.reviewOn.flatMap(CalendarDate.init(parsing:)), next > today else {
                return try await refuse("Give the date of the next review (YYYY-MM-DD, after today): records are kept to a review date, never for ever.")
            }
            try await reviews.record(batch: batch.id, partner: batch.partner, decision: .keep, reason: String(reason.prefix(500)),
                                     reviewOn: next.description, by: caller.userID, at: Date())
            try await records.markKept(batch.id, by: caller.userID, name: caller.displayName, at: Date())
            try await req.audit(.write, subject: "disposal:\(batch.reference)", resource: "retention review keep until:\(next)",
                                reason: String(reason.prefix(300)), purpose: "governance")
            return RetentionController.back(req, done: "\(batch.reference) reviewed: the records are kept; next review on \(next).")
        case .dispose:
            try await reviews.record(batch: batch.id, partner: batch.partner, decision: .dispose, reason: String(reason.prefix(500)),
                                     reviewOn: nil, by: caller.userID, at: Date())
            try await records.approve(batch.id, by: caller.userID, name: caller.displayName, at: Date())
            try await req.audit(.write, subject: "disposal:\(batch.reference)", resource: "retention review dispose",
                                reason: String(reason.prefix(300)), purpose: "governance")
            do {
                let outcome = try await DisposalService(app: req.application).carryOut(
                    batch: batch.id, approvedBy: DisposalApprover(userID: caller.userID.uuidString, partner: caller.partner, role: Role.records.rawValue))
                return RetentionController.back(req, done: "\(outcome.batch) reviewed and disposed of: \(outcome.certificate.total) rows removed; the certificate is in the audit ledger.")
            } catch let refusal as DisposalRefusal {
                return RetentionController.back(req, problem: refusal.description)
            }
        }
    }
}
