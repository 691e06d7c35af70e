import Foundation
import LanternDomain
import SQLKit
import Storage

/// A holding partner's decision on one of its own items, checked before
/// anything is kept. Withholding is also kept as the item's ``Redaction``
/// (the pack and the DPO's workbench read those); disclosing or redacting a
/// passage withdraws a whole-item redaction in force, so the latest decision
/// is the one the pack applies.
struct ReviewTaskDecision {
    let sql: any SQLDatabase
    let caller: Caller
    let task: RightsReviewTask
    let request: StoredRightsRequest
    /// The partner's own items by key, with their text as held.
    let texts: [String: String]

    func record(item: String, choice: RightsItemDecision.Choice?, exemption: Exemption?, reason: String,
                passage: String) async throws -> RightsReviewStep.Outcome {
        guard task.status == .open else { return .refused("This review is complete: ask the data protection officer to reopen it.") }
        guard let text = texts[item] else { return .refused("Choose one of your own partner's items about the person.") }
        guard let choice else { return .refused("Choose whether to disclose, redact or withhold the item.") }
        if choice != .disclose {
            guard let exemption else { return .refused("Choose the exemption that allows the information to be kept back.") }
            do { _ = try Redaction(item: item, holder: task.partner, exemption: exemption, reason: reason) } catch let refusal as Redaction.Refusal {
                return .refused(refusal.description)
            }
        }
        if choice == .redact {
            guard !passage.isEmpty else { return .refused("Copy the words to redact from the item into \"Words to redact\".") }
            guard text.range(of: passage, options: .caseInsensitive) != nil else {
                return .refused("The item does not contain \"\(passage.prefix(80))\": copy the words exactly as the item says them.")
            }
        }
        let reviews = RightsReviewRepository(database: sql)
        for held in try await reviews.redactions(of: request.id) where held.redaction.holder == task.partner && held.redaction.item == item {
            _ = try await reviews.withdraw(held.id, of: request.id, at: Date())
        }
        if choice == .withhold, let exemption {
            _ = try await reviews.add(try Redaction(item: item, holder: task.partner, exemption: exemption, reason: reason),
                                      to: request.id, by: caller.userID, at: Date())
        }
        let decision = RightsItemDecision(
            partner: task.partner, item: item, choice: choice, exemption: choice == .disclose ? nil : exemption,
            reason: choice == .disclose ? nil : String(reason.prefix(1_000)), passage: choice == .redact ? String(passage.prefix(500)) : nil,
            decidedByName: caller.displayName, decidedAt: Date())
        try await RightsReviewTaskRepository(database: sql).decide(decision, request: request.id, by: caller.userID)
        // The words say what was decided, never the passage or reason: the audit ledger keeps ids, not the data.
        return .done("\(item): \(choice.rawValue)" + (decision.exemption.map { " under \($0.citation)" } ?? ""))
    }
}
