import Foundation
import LanternDomain
import Logging
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

    func start(dataDirectory: String, every interval: Duration = .seconds(86_400)) {
        guard loop == nil else { return }
        let app = app
        loop = Task {
            while !Task.isCancelled {
                do {
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
