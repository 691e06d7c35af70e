import Foundation
import Storage
import Vapor

/// Recording who detected a breach, the categories of data it touched and
/// the risk assessment (likelihood and severity with the reason). The ICO
/// asks for all of these, and the reporting decision rests on the risk, so
/// a partial assessment is refused whole and nothing is saved.
extension BreachesController {
    struct AssessmentForm: Content {
        var detectedBy: String?
        var categories: String?
        var likelihood: String?
        var severity: String?
        var riskReason: String?
    }

    func assess(req: Request) async throws -> Response {
        _ = try await req.requireCapability(.manageBreaches, subject: "breaches")
        try req.requireCSRF()
        let (id, breach) = try await find(req)
        let form = try req.content.decode(AssessmentForm.self)
        func text(_ value: String?, _ limit: Int) -> String? { value?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty.map { String($0.prefix(limit)) } }
        guard let detectedBy = text(form.detectedBy, 200) else {
            return back(req, problem: "\(breach.reference): say who detected the breach (name and role or team).")
        }
        guard let categories = text(form.categories, 500) else {
            return back(req, problem: "\(breach.reference): list the categories of data affected, for example contact details, health, criminal offence data.")
        }
        let levels = BreachAssessment.levels
        guard let likelihood = form.likelihood, levels.contains(likelihood), let severity = form.severity, levels.contains(severity) else {
            return back(req, problem: "\(breach.reference): choose the likelihood and the severity of harm: low, medium or high.")
        }
        guard let reason = text(form.riskReason, 2_000) else {
            return back(req, problem: "\(breach.reference): give the reason for the risk assessment.")
        }
        try await BreachRepository(database: try req.sql()).save(
            BreachAssessment(detectedBy: detectedBy, dataCategories: categories, likelihood: likelihood, severity: severity, reason: reason), of: id)
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach assessment",
                            reason: "risk: likelihood \(likelihood), severity \(severity)", purpose: "governance")
        return back(req, done: breach.reference)
    }
}
