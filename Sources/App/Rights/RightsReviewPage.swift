import Foundation
import LanternDomain
import Storage

/// The workbench for one rights request: each holding partner's items with
/// the redactions proposed and recorded, its review task, disputed records,
/// and the decisions on objection and erasure.
struct RightsReviewPage: Encodable {
    struct Choice: Encodable { var value: String; var label: String }
    /// One item of the subject's, as its holding partner reviews it.
    struct Item: Encodable {
        var key: String
        var label: String
        /// The text as it would be disclosed, other people's names proposed for withholding.
        var preview: String
        var proposed: Int
        var withheld: String?
        var withheldReason: String?
        var withdrawID: String?
        var disputed: Bool
        /// The holding partner's own decision on the item, from its review task; nil until it decides.
        var decision: Decision?
    }
    /// One holding partner's decision on one item, as the DPO reads it.
    struct Decision: Encodable {
        /// Disclose, redact a passage, or withhold.
        var choice: String
        var passage: String?
        var exemption: String?
        var reason: String?
        var by: String
        var at: String

        init(_ decision: RightsItemDecision) {
            switch decision.choice {
            case .disclose: choice = "Disclose"
            case .redact: choice = "Redact a passage"
            case .withhold: choice = "Withhold"
            }
            passage = decision.passage
            exemption = decision.exemption?.citation
            reason = decision.reason
            by = decision.decidedByName
            at = GovernanceTime.text(millis: Int64(decision.decidedAt.timeIntervalSince1970 * 1000))
        }
    }
    struct PartnerReview: Encodable {
        var slug: String
        var name: String
        var done: Bool
        var state: String
        var items: [Item]
    }
    struct DisputeRow: Encodable {
        var id: String
        var partner: String
        var record: String
        var whatIsWrong: String
        var state: String
        var open: Bool
    }

    var caller: CallerView
    var csrf: String
    var requestID: String
    var reference: String
    var subject: String
    var kinds: String
    var partners: [PartnerReview]
    var exemptions: [Choice]
    var rectification: Bool
    var objection: Bool
    var erasure: Bool
    var disputes: [DisputeRow]
    var decisions: [String]
    var problem: String?
    var done: String?

    static func items(of page: PersonPage, partner: String, thirdParties: ThirdPartyRedaction,
                      redactions: [String: StoredRedaction], decisions: [String: RightsItemDecision] = [:]) -> [Item] {
        func item(_ key: String, _ label: String, _ text: String, disputed: Bool) -> Item {
            let (preview, proposed) = thirdParties.redact(text)
            let recorded = redactions["\(partner) \(key)"]
            return Item(key: key, label: label, preview: preview, proposed: proposed, withheld: recorded?.redaction.exemption.citation,
                        withheldReason: recorded?.redaction.reason, withdrawID: recorded?.id.uuidString, disputed: disputed,
                        decision: decisions["\(partner) \(key)"].map(Decision.init))
        }
        var items: [Item] = []
        for record in page.records where record.partner == partner {
            items.append(item("person:\(record.recordID)", "Person record \(record.recordID)",
                              [record.name, record.dateOfBirth ?? "", record.address ?? ""].joined(separator: ", "), disputed: record.disputed))
        }
        for event in page.events where event.partner == partner {
            let text = [event.summary ?? "", event.opinionBasis.map { "Basis: \($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            items.append(item("event:\(event.recordID)", "\(event.occurredOn) \(event.category) (\(event.role)), event \(event.recordID)",
                              text, disputed: event.disputed))
        }
        for involvement in page.involvements where involvement.partner == partner {
            items.append(item("involvement:\(involvement.recordID)", "\(involvement.service): \(involvement.workType) since \(involvement.since)",
                              involvement.worker.map { "Worker: \($0)" } ?? "", disputed: involvement.disputed))
        }
        return items
    }
}
