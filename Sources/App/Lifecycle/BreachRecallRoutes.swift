import Foundation
import LanternDomain
import Storage
import Vapor

/// The recall step for a misdirected share: the DPO records that the
/// recipient was asked to delete or return it, then the recipient's
/// confirmation. Refusals (a confirmation before any request, a time before
/// the request) change nothing and are kept in the ledger as denials.
extension BreachesController {
    struct RecallForm: Content { var to: String?; var by: String?; var at: String? }

    func recallAsked(req: Request) async throws -> Response {
        try await recallStep(req, step: "asked") { breach, form, at, now in
            try BreachRecall.ask(breach.recall, of: form.to ?? "", at: at, detectedAt: breach.clock.detectedAt, now: now)
        }
    }

    func recallConfirmed(req: Request) async throws -> Response {
        try await recallStep(req, step: "confirmed") { breach, form, at, now in
            try BreachRecall.confirm(breach.recall, by: form.by ?? "", at: at, now: now)
        }
    }

    private func recallStep(_ req: Request, step: String,
                            _ change: (StoredBreach, RecallForm, Int64, Int64) throws -> BreachRecall) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        if let refused = try await refusingIfClosed(req, breach, step: "recall-\(step)") { return refused }
        let form = try req.content.decode(RecallForm.self)
        let now = Int64(Date().timeIntervalSince1970)
        guard let at = Self.instant(form.at, orNow: now) else {
            return back(req, problem: "\(breach.reference): enter the time as YYYY-MM-DD HH:MM (UTC), or leave it blank for now.")
        }
        let recall: BreachRecall
        do {
            recall = try change(breach, form, at, now)
        } catch let refusal as BreachRecall.Refusal {
            try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach recall-\(step)", decision: .deny,
                                reason: "\(refusal)", purpose: "governance")
            return back(req, problem: "\(breach.reference): \(refusal.description)")
        }
        try await BreachRepository(database: try req.sql()).save(recall, of: id)
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach recall-\(step)",
                            reason: step == "asked" ? "recall asked of " + recall.askedOf : "recall confirmed by " + (recall.confirmedBy ?? ""),
                            purpose: "governance")
        return back(req, done: breach.reference)
    }
}
