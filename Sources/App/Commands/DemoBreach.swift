import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage

/// The demo's breach, part way through: a MARAC agenda emailed to a school
/// outside the partnership, detected five hours before the demo starts, so
/// its 48-hour partner clock and 72-hour ICO clock are running. Who detected
/// it, the data and the risk are recorded; the school has been asked to
/// delete the email but has not yet confirmed; and one affected partner has
/// given its view, so the consultation is under way.
enum DemoBreach {
    static let description = "A MARAC agenda was emailed to a school outside the partnership"

    static func load(on sql: any SQLDatabase, audit: AuditTrail, dpo: UUID, practitionerPartner: String, now: Date) async throws {
        let seconds = Int64(now.timeIntervalSince1970)
        let detected = seconds - 5 * 3600
        // The reach is computed from the ledger, as for any breach: the
        // practitioner's service read some of its caseload in the days
        // before. A fresh demo has no such reads, so they are entered here
        // (ledger entries are appended now; the breach's window runs to now).
        if let practitioner = try await UserRepository(database: sql).find(username: "practitioner") {
            let caseload = try await DemoCaseload.people(workedWithBy: practitionerPartner, on: sql)
                .sorted { $0.uuidString < $1.uuidString }.prefix(4)
            try await audit.record(caseload.map {
                AuditRecord(actor: practitioner.id.uuidString, partner: practitionerPartner, purpose: "holistic-view", action: .read,
                            subject: "person:\($0.uuidString)", resource: "person-page", decision: .permit, reason: "demo: case work before the breach")
            }, on: sql)
        }
        let breaches = BreachRepository(database: sql)
        let windowFrom = detected - 72 * 3600
        let impact = try await breaches.impact(actor: nil, partner: practitionerPartner, fromSeconds: windowFrom, toSeconds: seconds + 60)
        let reference = try await breaches.record(
            kind: "confidentiality", description: description,
            clock: try BreachClock(detectedAt: detected, now: detected), scopeActor: nil, scopePartner: practitionerPartner,
            windowFrom: windowFrom, windowTo: seconds, impact: impact,
            containment: "The school was asked to delete the email",
            assessment: BreachAssessment(detectedBy: "Cora Coordinator, MARAC coordinator", dataCategories: "names, addresses, domestic abuse history, children's details",
                                         likelihood: "medium", severity: "high",
                                         reason: "The school knows some of the families; the agenda names victims and their children"),
            by: dpo, at: now)
        guard let breach = try await breaches.all().first(where: { $0.reference == reference }) else { return }
        let recall = try BreachRecall.ask(nil, of: "Head teacher's office, Harrowmere Primary", at: detected + 1800, detectedAt: detected, now: seconds)
        try await breaches.save(recall, of: breach.id)
        if let first = impact.partners.first {
            let consultation = try breach.consultation.recording(
                partner: first, view: "agree", note: "Agrees the breach should be reported to the ICO", affected: impact.partners, at: detected + 3 * 3600)
            try await breaches.save(consultation, of: breach.id)
        }
    }
}
