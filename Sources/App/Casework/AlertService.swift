import Fluent
import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage

/// Raises alerts when an events import crosses an alert rule for a household
/// (a second missing episode in 90 days, domestic abuse where children live)
/// and notifies the practitioners working with that household, each only if
/// the access decision lets them see the event that raised it; partners'
/// automated feeds working with the family are queued a signed webhook
/// (`WebhookAlerts`, sent by `WebhookDispatcher`).
enum AlertService {
    static let rules = AlertRuleSet.standard
    static let withheldRuleID = "withheld"
    static let withheldMessage = "New information about a family you work with is held by partners. "
        + "Open the household to ask them for access."

    @discardableResult
    static func raise(afterBatch batch: UUID, database: any Database, gate: AccessGate, audit: AuditTrail) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let notifications = NotificationRepository(database: sql)
        let people = try await notifications.peopleWithEvents(inBatch: batch)
        // Only households someone is working with can raise a notification:
        // those of people with a case relationship (caseloads are small).
        let casework = CaseworkRepository(database: sql)
        let relatedPeople = try await sql.select().distinct().column("person_id").from("case_relationships").all()
            .map { try $0.decode(column: "person_id", as: UUID.self) }
        // Partners' automated feeds may be working with any household.
        let subscriptions = try await WebhookRepository(database: sql).subscriptions()
        let feeds = !subscriptions.isEmpty
        guard !people.isEmpty, !relatedPeople.isEmpty || feeds else { return 0 }
        var households = try await casework.households(ofPeople: people)
        if !feeds { households.formIntersection(try await casework.households(ofPeople: relatedPeople)) }
        guard !households.isEmpty else { return 0 }
        let fresh = try await notifications.eventIDs(inBatch: batch)
        let policy = try await gate.current(sql)
        let users = UserRepository(database: sql)
        let now = Date()
        var raised = 0
        var auditRecords: [AuditRecord] = []
        for facts in try await CaseworkService.facts(sql, households: Array(households)) {
            var before = facts
            before.events.removeAll { fresh.contains($0.eventID) }
            var alerts: [Alert] = []
            for event in facts.events where fresh.contains(event.eventID) {
                alerts += rules.alerts(for: event, in: before)
                before.events.append(event)
            }
            guard !alerts.isEmpty, let household = UUID(uuidString: facts.householdID) else { continue }
            let members = facts.members.compactMap { UUID(uuidString: $0.personID) }
            if feeds {
                auditRecords += try await WebhookAlerts.enqueue(alerts, household: household, members: members, subscriptions: subscriptions,
                                                               policy: policy, sql: sql, now: now)
            }
            for (userID, _) in try await notifications.usersRelatedTo(members) {
                guard let user = try await users.find(id: userID) else { continue }
                let relationships = try await CaseRelationshipRepository(database: sql).relationships(of: userID, with: members)
                let requester = Requester(userID: userID.uuidString, partner: user.partner, roleNames: user.roles)
                let moment = Moment(secondsSince1970: Int64(now.timeIntervalSince1970))
                var withheldAlert = false
                for alert in alerts {
                    // The alert names its events' kinds and partners: the user must be allowed to see
                    // every one of them, each decided for the person it is about with the user's own
                    // relationship to that person (working with the child opens nothing of the mother's).
                    let seesEvery = Dictionary(grouping: alert.events, by: \.personID).allSatisfy { person, events in
                        let items = events.map { event in
                            HeldItem(heldBy: String(event.eventID.prefix { $0 != ":" }), category: event.category.dataCategory)
                        }
                        let kinds = Set((UUID(uuidString: person).flatMap { relationships[$0] } ?? [])
                            .compactMap(CaseRelationship.init(rawValue:)))
                        let request = AccessRequest(requester: requester, purpose: .agreed(.holisticView), subject: person,
                                                    relationships: kinds, now: moment)
                        return policy.decide(request, record: items).visibleIndices.count == items.count
                    }
                    guard seesEvery else {
                        withheldAlert = true
                        continue
                    }
                    try await notifications.add(user: userID, household: household, rule: alert.ruleID, message: alert.message, at: now)
                    auditRecords.append(AuditRecord(
                        actor: "alerts", partner: user.partner, purpose: "holistic-view", action: .write,
                        subject: "household:\(household.uuidString)", resource: "notification rule:\(alert.ruleID) user:\(userID.uuidString)",
                        decision: .permit, reason: "alert rule crossed by batch \(batch.uuidString)"))
                    raised += 1
                }
                // What the user may not see is not described, only that partners hold something new,
                // as the household page already says "further items held by N partners".
                if withheldAlert {
                    try await notifications.add(user: userID, household: household, rule: Self.withheldRuleID,
                                                message: Self.withheldMessage, at: now)
                    auditRecords.append(AuditRecord(
                        actor: "alerts", partner: user.partner, purpose: "holistic-view", action: .write,
                        subject: "household:\(household.uuidString)",
                        resource: "notification rule:\(Self.withheldRuleID) user:\(userID.uuidString)",
                        decision: .deny, reason: "alert withheld: the access decision refuses some of its events"))
                    raised += 1
                }
            }
        }
        if !auditRecords.isEmpty { try await audit.recordAlone(auditRecords, on: database) }
        return raised
    }
}
