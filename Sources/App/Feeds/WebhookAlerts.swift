import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage

/// Queues alerts for partners' automated feeds. A feed acts for its partner's
/// practitioners: it is sent an alert only when its partner has a service
/// working with the person the alert is about (the allocated-worker
/// relationship) and the access decision lets that partner see every event
/// behind the alert. The payload carries ids, categories and dates, never
/// names: the partner's system asks the API for more, through the same decision.
enum WebhookAlerts {
    struct Payload: Codable, Sendable {
        struct Event: Codable, Sendable {
            var partner: String
            var record: String
            var category: String
            var occurredOn: String
        }
        var delivery: UUID
        var partner: String
        var household: UUID
        var rule: String
        var message: String
        var raisedAt: String
        var events: [Event]
    }

    /// `subscriptions`: every subscription in force, read once per import.
    static func enqueue(_ alerts: [Alert], household: UUID, members: [UUID], subscriptions: [WebhookSubscription], policy: AccessPolicy,
                        sql: any SQLDatabase, now: Date) async throws -> [AuditRecord] {
        let today = CalendarDate.today(at: now)
        // Which partners have a service working with which member, today.
        var working: [String: Set<String>] = [:]
        for involvement in try await CaseworkRepository(database: sql).involvements(with: members) {
            let ended = involvement.endedOn.flatMap(CalendarDate.init(parsing:)).map { $0 <= today } ?? false
            if !ended { working[involvement.partner, default: []].insert(involvement.personID.uuidString) }
        }
        guard !working.isEmpty else { return [] }
        let webhooks = WebhookRepository(database: sql)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var audit: [AuditRecord] = []
        for subscription in subscriptions where working[subscription.partner] != nil {
            let requester = Requester(userID: "webhook:\(subscription.id.uuidString)", partner: subscription.partner,
                                      roleNames: [Role.practitioner.rawValue])
            for alert in alerts where working[subscription.partner]?.contains(alert.personID) == true {
                let items = alert.events.map { event in
                    HeldItem(heldBy: String(event.eventID.prefix { $0 != ":" }), category: event.category.dataCategory)
                }
                let request = AccessRequest(requester: requester, purpose: .agreed(.holisticView), subject: alert.personID,
                                            relationships: [.allocatedWorker], now: Moment(secondsSince1970: Int64(now.timeIntervalSince1970)))
                let decision = policy.decide(request, record: items)
                let permitted = decision.visibleIndices.count == items.count
                audit.append(AuditRecord(
                    actor: requester.userID, partner: subscription.partner, purpose: AccessPurpose.agreed(.holisticView).rawValue,
                    action: .accessDecision, subject: "person:\(alert.personID)",
                    resource: "webhook alert rule:\(alert.ruleID) household:\(household.uuidString)",
                    decision: permitted ? .permit : .deny,
                    reason: String((permitted ? decision.decisions.first(where: \.isPermitted)?.reason
                                    : decision.refusal?.description ?? decision.summary ?? "an event behind the alert is not shared with this partner")?
                        .prefix(500) ?? "")))
                guard permitted else { continue }
                let delivery = UUID()
                let payload = Payload(
                    delivery: delivery, partner: subscription.partner, household: household, rule: alert.ruleID, message: alert.message,
                    raisedAt: ISO8601DateFormatter().string(from: now),
                    events: alert.events.map { event in
                        let parts = event.eventID.split(separator: ":", maxSplits: 1).map(String.init)
                        return .init(partner: parts.first ?? "", record: parts.count > 1 ? parts[1] : "",
                                     category: event.category.rawValue, occurredOn: event.occurredOn.description)
                    })
                let body = String(decoding: try encoder.encode(payload), as: UTF8.self)
                _ = try await webhooks.enqueue(id: delivery, subscription: subscription.id, household: household,
                                               rule: alert.ruleID, payload: body, at: now)
            }
        }
        return audit
    }
}
