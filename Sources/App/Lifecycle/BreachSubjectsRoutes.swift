import Foundation
import LanternDomain
import Storage
import Vapor

/// The decision on telling the people a breach concerns: told (when, how) or
/// not told with the reason or exemption. A reason is required either way;
/// a refusal changes nothing and is kept in the ledger as a denial.
extension BreachesController {
    struct SubjectsForm: Content { var decision: String?; var at: String?; var how: String?; var exemption: String?; var reason: String? }

    func subjectsDecision(req: Request) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        if let refused = try await refusingIfClosed(req, breach, step: "subjects") { return refused }
        let form = try req.content.decode(SubjectsForm.self)
        let now = Int64(Date().timeIntervalSince1970)
        guard let at = Self.instant(form.at, orNow: now) else {
            return back(req, problem: "\(breach.reference): enter the time as YYYY-MM-DD HH:MM (UTC), or leave it blank for now.")
        }
        let decision: BreachSubjectsDecision
        do {
            decision = try BreachSubjectsDecision(choice: form.decision, at: at, how: form.how, exemption: form.exemption, reason: form.reason ?? "", now: now)
        } catch let refusal as BreachSubjectsDecision.Refusal {
            try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach subjects", decision: .deny,
                                reason: "\(refusal)", purpose: "governance")
            return back(req, problem: "\(breach.reference): \(refusal.description)")
        }
        try await BreachRepository(database: try req.sql()).save(decision, of: id)
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach subjects",
                            reason: decision.told ? "people told: \(decision.how ?? "")" : "people not told" + (decision.exemption.map { ": \($0)" } ?? ""),
                            purpose: "governance")
        return back(req, done: breach.reference)
    }

    /// When a step happened: now when left blank, else the minute given (UTC); nil when unreadable.
    static func instant(_ text: String?, orNow now: Int64) -> Int64? {
        guard let text = text?.nilIfEmpty else { return now }
        return instant(parsing: text)
    }
}
