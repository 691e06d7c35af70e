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
        if let refused = try await refusingIfClosed(req, breach, step: "assessment") { return refused }
        let form = try req.content.decode(AssessmentForm.self)
        let assessment: BreachAssessment
        do {
            assessment = try BreachAssessment(validating: form.detectedBy, categories: form.categories, likelihood: form.likelihood,
                                              severity: form.severity, reason: form.riskReason)
        } catch let refusal as BreachAssessment.Refusal {
            return back(req, problem: "\(breach.reference): \(refusal.description)")
        }
        try await BreachRepository(database: try req.sql()).save(assessment, of: id)
        try await req.audit(.write, subject: "breach:\(breach.reference)", resource: "breach assessment",
                            reason: "risk: likelihood \(assessment.likelihood), severity \(assessment.severity)", purpose: "governance")
        return back(req, done: breach.reference)
    }
}
