import Fluent
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage

/// Keeps actions from quietly lapsing: an open action past its due date
/// notifies its named owner and the area's chair, once.
enum PanelFollowUp {
    static let overdueRule = "panel-action-overdue"

    @discardableResult
    static func notifyOverdue(today: CalendarDate, sql: any SQLDatabase, audit: AuditTrail, database: any Database,
                              now: Date) async throws -> Int {
        let actions = PanelActionRepository(database: sql)
        let overdue = try await actions.overdueUnnotified(before: today)
        guard !overdue.isEmpty else { return 0 }
        let cases = Dictionary(try await MaracCaseRepository(database: sql).cases(Array(Set(overdue.map(\.caseID)))).map { ($0.id, $0) },
                               uniquingKeysWith: { first, _ in first })
        let notifications = NotificationRepository(database: sql)
        let areas = PanelAreaRepository(database: sql)
        var records: [AuditRecord] = []
        for item in overdue {
            guard let stored = cases[item.caseID] else { continue }
            let chairs = try await areas.staff(of: stored.areaSlug).filter { $0.function == .chair }.map(\.user)
            let message = "Action overdue on \(stored.reference): \"\(item.action.text.prefix(80))\" was due \(item.action.due?.description ?? "")"
                + " (owner \(item.action.owner))."
            for user in Set(chairs + [item.ownerID].compactMap { $0 }) {
                // Keyed on the case: the notification opens the case page, which asks the access decision itself.
                try await notifications.add(user: user, household: stored.id, rule: overdueRule, message: message, at: now)
                records.append(AuditRecord(actor: "panels", partner: stored.partner, purpose: "risk-panels", action: .write,
                                           subject: "panel-case:\(stored.id.uuidString)", resource: "notification rule:\(overdueRule) user:\(user.uuidString)",
                                           decision: .permit, reason: "action \(item.id.uuidString) overdue"))
            }
        }
        try await actions.markOverdueNotified(overdue.map(\.id), on: today)
        if !records.isEmpty { try await audit.recordAlone(records, on: database) }
        return overdue.count
    }
}
