import Foundation
import LanternDomain
import Storage

/// One breach as the register shows it, with its clocks worked out for now.
struct BreachRow: Encodable {
    var id: UUID
    var reference: String
    var kind: String
    var description: String
    var detected: String
    var reach: String
    var partners: String
    var partnerClock: String
    var partnerOverdue: Bool
    var icoClock: String
    var icoOverdue: Bool
    var partnersTold: Bool
    var icoDecided: Bool
    var assessed: Bool
    var assessment: String
    var recall: String
    var recallAsked: Bool
    var recallConfirmed: Bool
    var consultation: [String]
    var ownerDecision: String
    var disagreement: Bool
    var closed: Bool
    var affected: [String]
    var subjects: String

    init(_ breach: StoredBreach, now: Int64) {
        let clock = breach.clock
        id = breach.id
        reference = breach.reference
        kind = breach.kind
        description = breach.description
        detected = GovernanceTime.text(millis: clock.detectedAt * 1000)
        reach = "\(breach.impact.subjects) people, \(breach.impact.disclosures) reads or disclosures"
            + " (\(breach.scopeActor.map { "account \($0)" } ?? "partner \(breach.scopePartner ?? "")"))"
        partners = breach.impact.partners.isEmpty ? "none" : breach.impact.partners.joined(separator: ", ")
        partnersTold = clock.partnersToldAt != nil
        icoDecided = clock.ico != nil
        assessed = breach.assessment != nil
        assessment = breach.assessment.map {
            "Detected by \($0.detectedBy). Data: \($0.dataCategories). Risk: likelihood \($0.likelihood), severity \($0.severity) (\($0.reason))"
        } ?? "No risk assessment yet"
        recallAsked = breach.recall != nil
        recallConfirmed = breach.recall?.confirmedAt != nil
        recall = breach.recall.map { recall in
            "Recall asked of \(recall.askedOf) \(GovernanceTime.text(millis: recall.askedAt * 1000))"
                + (recall.confirmedAt.map { "; confirmed \(GovernanceTime.text(millis: $0 * 1000)) by \(recall.confirmedBy ?? "")" } ?? "; not yet confirmed")
        } ?? "No recall asked"
        consultation = breach.consultation.views.map { "\($0.partner) \($0.agrees ? "agrees" : "disagrees"): \($0.note)" }
        disagreement = breach.consultation.anyDisagrees
        ownerDecision = breach.consultation.ownerDecision.map { "Protocol owner (\($0.by)) decided: \($0.decision)" }
            ?? (disagreement ? "A partner disagrees: the protocol owner's decision is needed before closing" : "")
        closed = breach.closedAt != nil
        affected = breach.impact.partners
        subjects = breach.subjectsDecision.map {
            $0.told ? "People told \(GovernanceTime.text(millis: $0.at * 1000)) by \($0.how ?? ""): \($0.reason)"
                : "People not told: \($0.reason)" + ($0.exemption.map { " (exemption: \($0))" } ?? "")
        } ?? "No decision yet on telling the people concerned"
        if let left = clock.partnerHoursLeft(at: now) {
            partnerClock = left < 0 ? "Overdue by \(-left) hour(s)" : "\(left) hour(s) left"
            partnerOverdue = left < 0
        } else {
            partnerClock = "Told " + GovernanceTime.text(millis: (clock.partnersToldAt ?? 0) * 1000)
            partnerOverdue = false
        }
        if let left = clock.icoHoursLeft(at: now) {
            icoClock = left < 0 ? "Overdue by \(-left) hour(s): a late report needs its reason" : "\(left) hour(s) left"
            icoOverdue = left < 0
        } else {
            switch clock.ico {
            case .reported(let reference, let at): icoClock = "Reported \(GovernanceTime.text(millis: at * 1000)), ICO reference \(reference)"
            case .notReported(let reason, _): icoClock = "Not reported: \(reason)"
            case nil: icoClock = ""
            }
            icoOverdue = false
        }
    }
}

struct BreachesPage: Encodable {
    var caller: CallerView
    var csrf: String
    var breaches: [BreachRow]
    var kinds: [String]
    var levels: [String] = BreachAssessment.levels
    var exemptions: [String] = BreachSubjectsDecision.exemptions
    var problem: String?
    var done: String?
}
