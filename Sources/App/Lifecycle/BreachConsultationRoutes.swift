import Foundation
import LanternDomain
import Storage
import Vapor

/// The consultation with the partners a breach affects, the protocol owner's
/// decision where any disagrees, and closing the breach, which a disagreement
/// without the owner's decision holds open. Refusals change nothing and are
/// kept in the ledger as denials.
extension BreachesController {
    struct ConsultationForm: Content { var partner: String?; var view: String?; var note: String?; var decision: String?; var by: String? }

    func consult(req: Request) async throws -> Response {
        try await consultationStep(req, step: "consultation") { breach, form, now in
            let partner = form.partner ?? ""
            let next = try breach.consultation.recording(partner: partner, view: form.view, note: form.note ?? "",
                                                          affected: breach.impact.partners, at: now)
            return (next, "\(partner) \(form.view ?? "")s")
        }
    }

    func ownerDecision(req: Request) async throws -> Response {
        try await consultationStep(req, step: "owner-decision") { breach, form, now in
            let next = try breach.consultation.deciding(form.decision ?? "", by: form.by ?? "", at: now)
            return (next, "protocol owner decided: " + (next.ownerDecision?.by ?? ""))
        }
    }

    func close(req: Request) async throws -> Response {
        try await consultationStep(req, step: "close") { breach, _, _ in
            try breach.consultation.checkClosable()
            return (breach.consultation, "closed")
        }
    }

    private func consultationStep(_ req: Request, step: String,
                                  _ change: (StoredBreach, ConsultationForm, Int64) throws -> (BreachConsultation, String)) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        let form = try req.content.decode(ConsultationForm.self)
        let now = Int64(Date().timeIntervalSince1970)
        let outcome: (BreachConsultation, String)
        do {
            guard breach.closedAt == nil else { throw BreachConsultation.Refusal.alreadyClosed }
            outcome = try change(breach, form, now)
        } catch let refusal as BreachConsultation.Refusal {
            try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach \(step)", decision: .deny,
                                reason: "\(refusal)", purpose: "governance")
            return back(req, problem: "\(breach.reference): \(refusal.description)")
        }
        let repository = BreachRepository(database: try req.sql())
        if step == "close" { try await repository.close(id, at: now) } else { try await repository.save(outcome.0, of: id) }
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach \(step)", reason: outcome.1, purpose: "governance")
        return back(req, done: breach.reference)
    }
}
