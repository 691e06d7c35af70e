import Foundation
import LanternDomain
import Ledger
import Logging
import Policy
import Storage
import Vapor

/// The server's daily retention run: carries out every disposal batch its
/// owning partner's records officer has approved, and completes withdrawals
/// that have taken effect as their agreements say. Nothing else is disposed
/// of: a batch due for approval stays waiting.
actor RetentionDailyRun {
    private let app: Application
    private var loop: Task<Void, Never>?

    init(app: Application) { self.app = app }

    /// Carries out the approved batches now; returns their outcomes.
    static func carryOutApproved(_ app: Application, now: Date = Date()) async throws -> [DisposalOutcome] {
        let repository = RetentionRepository(database: try AppRunner.sql(app))
        var outcomes: [DisposalOutcome] = []
        for batch in try await repository.batches() where batch.status == .approved {
            // The approver recorded on the batch is who authorised it; the run only carries it out.
            let approver = DisposalApprover(userID: batch.approvedBy?.uuidString ?? "daily-run", partner: batch.partner,
                                            role: "records (carried out by the daily run)")
            outcomes.append(try await DisposalService(app: app).carryOut(batch: batch.id, approvedBy: approver, now: now))
        }
        return outcomes
    }

    /// Gives each owning partner's records officers a review task for what a
    /// "review" rule makes due: a batch awaiting their decision, and a
    /// notice pointing to it. Nothing is destroyed here. Returns the batches made.
    @discardableResult
    static func prepareReviews(_ app: Application, on day: CalendarDate, now: Date = Date()) async throws -> [String] {
        let sql = try AppRunner.sql(app)
        let (_, verdicts) = try await RetentionService.due(sql, partner: nil, on: day)
        let batched = try await RetentionService.batchedItems(sql)
        var made: [String] = []
        for line in RetentionService.lines(verdicts, batched: batched) where line.action == RetentionRule.Action.review.rawValue && line.unbatched > 0 {
            guard let (id, reference, preview) = try await RetentionService.prepare(sql, partner: line.partner, recordClass: line.recordClass,
                                                                                   on: day, preparedBy: "daily-run", at: now) else { continue }
            made.append(reference)
            for officer in try await UserRepository(database: sql).users(withRole: Role.records.rawValue, partner: line.partner) {
                _ = try await NotificationRepository(database: sql).addOnce(
                    user: officer, about: id, rule: "retention-review",
                    message: "\(preview.items) \(line.label) record(s) of \(line.partner) have reached their review date (\(reference)): keep them to a new review date with your reason, or dispose of them.",
                    link: "/retention", at: now)
            }
            try await app.auditTrail.recordAlone([AuditRecord(
                actor: "daily-run", partner: line.partner, purpose: "governance", action: .write, subject: "disposal:\(reference)",
                resource: "retention review prepared items:\(preview.items)", decision: .permit,
                reason: "a review rule made \(line.recordClass) due: the records officer decides")], on: app.db, at: now)
        }
        return made
    }

    func start(dataDirectory: String, every interval: Duration = .seconds(86_400)) {
        guard loop == nil else { return }
        let app = app
        loop = Task {
            while !Task.isCancelled {
                do {
                    try await Self.prepareReviews(app, on: CalendarDate.today(at: Date()))
                    for outcome in try await Self.carryOutApproved(app) {
                        app.logger.notice("retention: \(outcome.batch) carried out, \(outcome.certificate.total) rows removed")
                    }
                    for done in try await WithdrawalCompletion.run(app, on: CalendarDate.today(at: Date()), dataDirectory: dataDirectory) {
                        app.logger.notice("retention: \(done.partner)'s withdrawal completed (\(done.outcome.batch))\(done.returnedTo.map { ", returned in \($0)" } ?? "")")
                    }
                } catch {
                    app.logger.error("retention daily run failed: \(error)")
                }
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
    private struct RetentionDailyRunKey: StorageKey { typealias Value = RetentionDailyRun }

    var retentionDailyRun: RetentionDailyRun {
        if let run = storage[RetentionDailyRunKey.self] { return run }
        let run = RetentionDailyRun(app: self)
        storage[RetentionDailyRunKey.self] = run
        return run
    }
}
