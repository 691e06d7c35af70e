import Fluent
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Vapor

/// Sends a corrected record on to everyone it was shared with (UK GDPR
/// Art 19): each other partner whose people or feeds were shown it, found
/// in the audit ledger. Their readers get a notification that leads to the
/// person page (which shows the corrected version through the access
/// decision, as ever); their automated feeds are queued a signed webhook
/// carrying ids and dates only.
struct RectificationNotice {
    static let rule = "record-corrected"
    let sql: any SQLDatabase
    let audit: AuditTrail
    let database: any Database

    /// Tells the recipients of `dispute`'s record that `partnerName` corrected
    /// it (now at `version`); returns how many partners were told.
    func send(_ dispute: StoredDispute, version: Int, partnerName: String, actor: Caller, at now: Date) async throws -> Int {
        let lines = try await AuditQueryRepository(database: sql).about(subject: "person:\(dispute.person.uuidString)", limit: 5_000)
            .filter { ["permit", "permit_with_masking"].contains($0.decision) && $0.purpose != "rights-request" && $0.partner != dispute.partner }
        let recipients = Dictionary(grouping: lines, by: \.partner).mapValues { Set($0.map(\.actor)) }
        guard !recipients.isEmpty else { return 0 }
        let notifications = NotificationRepository(database: sql)
        let users = UserRepository(database: sql)
        let household = try await HouseholdRepository(database: sql).household(of: dispute.person)?.id ?? dispute.person
        let message = "\(partnerName) corrected a record about someone you were shown (\(dispute.kind.rawValue) \(dispute.recordID), now version \(version)) after the person said it was wrong. Look again before relying on it."
        let subscriptions = try await WebhookRepository(database: sql).subscriptions(partners: Set(recipients.keys))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var records: [AuditRecord] = []
        for (partner, actors) in recipients.sorted(by: { $0.key < $1.key }) {
            for actor in actors.sorted() {
                guard let id = UUID(uuidString: actor), let user = try await users.find(id: id), user.partner == partner else { continue }
                try await notifications.addOnce(user: id, about: dispute.id, rule: Self.rule, message: message,
                                                link: "/people/\(dispute.person.uuidString)", at: now)
            }
            for subscription in subscriptions where subscription.partner == partner {
                let delivery = UUID()
                let payload = WebhookAlerts.Payload(
                    delivery: delivery, partner: partner, household: household, rule: Self.rule, message: message,
                    raisedAt: ISO8601DateFormatter().string(from: now),
                    events: dispute.kind == .event ? [.init(partner: dispute.partner, record: dispute.recordID, category: "corrected",
                                                             occurredOn: CalendarDate.today(at: now).description)] : [])
                _ = try await WebhookRepository(database: sql).enqueue(
                    id: delivery, subscription: subscription.id, household: household, rule: Self.rule,
                    payload: String(decoding: try encoder.encode(payload), as: UTF8.self), at: now)
            }
            records.append(AuditRecord(actor: actor.userID.uuidString, partner: actor.partner, purpose: "rights-request", action: .write,
                                       subject: "person:\(dispute.person.uuidString)",
                                       resource: "rectification notice \(dispute.partner):\(dispute.recordID) to:\(partner)",
                                       decision: .permit, reason: "corrected version \(version) sent on to a recipient (UK GDPR Art 19)"))
        }
        try await audit.recordAlone(records, on: database)
        return recipients.count
    }
}
