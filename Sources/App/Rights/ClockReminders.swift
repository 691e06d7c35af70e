import Fluent
import Foundation
import LanternDomain
import Logging
import SQLKit
import Storage
import Vapor

/// Tells the DPO, through their notifications, before a rights request's
/// month or a breach's 48- or 72-hour clock runs out, and again once it has
/// (``ClockReminder`` decides when). A request's reminders go to the DPO
/// handling it; a breach's to every DPO, since whoever is on duty must act.
/// Each reminder is raised once per DPO, and audited.
struct ClockReminders {
    let database: any Database
    let audit: AuditTrail

    /// Raises what is due at `now`; returns how many notifications were new.
    @discardableResult
    func raise(now: Date) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let notifications = NotificationRepository(database: sql)
        let today = CalendarDate.today(at: now)
        var records: [AuditRecord] = []
        func notify(_ user: UUID, about id: UUID, subject: String, _ reminder: ClockReminder, link: String) async throws {
            guard try await notifications.addOnce(user: user, about: id, rule: reminder.kind.rawValue, message: reminder.message,
                                                  link: link, at: now) else { return }
            records.append(AuditRecord(actor: "clock-reminders", partner: "", purpose: "governance", action: .write, subject: subject,
                                       resource: "notification rule:\(reminder.kind.rawValue) user:\(user.uuidString)",
                                       decision: .permit, reason: "clock reminder"))
        }
        for request in try await RightsRequestRepository(database: sql).all() where request.status == .open {
            guard let reminder = ClockReminder.forRequest(reference: request.reference, clock: request.clock, today: today) else { continue }
            try await notify(request.handler, about: request.id, subject: "rights-request:\(request.reference)", reminder, link: RightsRequestPaths.list)
        }
        let dpos = try await UserRepository(database: sql).users(withRole: "dpo")
        let instant = Int64(now.timeIntervalSince1970)
        for breach in try await BreachRepository(database: sql).all() {
            for reminder in ClockReminder.forBreach(reference: breach.reference, clock: breach.clock, now: instant) {
                for dpo in dpos {
                    try await notify(dpo, about: breach.id, subject: "breach:\(breach.id.uuidString)", reminder, link: "/breaches")
                }
            }
        }
        if !records.isEmpty { try await audit.recordAlone(records, on: database) }
        return records.count
    }
}

/// Runs ``ClockReminders`` while the server runs: at start, then every
/// `interval` (a quarter of an hour: the shortest lead is 12 hours).
actor ClockReminderLoop {
    let reminders: ClockReminders
    let logger: Logger
    private var loop: Task<Void, Never>?

    init(reminders: ClockReminders, logger: Logger) {
        self.reminders = reminders
        self.logger = logger
    }

    func start(every interval: Duration = .seconds(900)) {
        guard loop == nil else { return }
        loop = Task { [reminders, logger] in
            while !Task.isCancelled {
                do { try await reminders.raise(now: Date()) } catch { logger.error("clock reminders failed: \(error)") }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func stop() {
        loop?.cancel()
        loop = nil
    }
}

extension Application {
    private struct ClockReminderLoopKey: StorageKey { typealias Value = ClockReminderLoop }

    var clockReminders: ClockReminderLoop {
        if let loop = storage[ClockReminderLoopKey.self] { return loop }
        let loop = ClockReminderLoop(reminders: ClockReminders(database: db, audit: auditTrail), logger: logger)
        storage[ClockReminderLoopKey.self] = loop
        return loop
    }
}
