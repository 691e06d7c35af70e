import ArgumentParser
import Foundation
import LanternDomain
import Storage

/// `lantern retention`: what is due for disposal, and carrying out approved batches.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retention", abstract: "Retention: what is due, and disposal of approved batches.",
                                                    subcommands: [Due.self, Dispose.self, Run.self])

    /// `lantern retention due [--as-of DATE] [--partner SLUG]`: counts by partner and class.
    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due", abstract: "List what is due for disposal, by partner and record class.")
        @ArgumentParser.Option(name: .customLong("as-of"), help: "The day to count as of, YYYY-MM-DD (today if not given).") var asOf: String?
        @ArgumentParser.Option(help: "Only this partner's records (its slug).") var partner: String?

        func run() async throws {
            let day: CalendarDate
            if let asOf {
                guard let parsed = CalendarDate(parsing: asOf) else { throw ValidationError("--as-of takes a date as YYYY-MM-DD, not \"\(asOf)\"") }
                day = parsed
            } else {
                day = CalendarDate.today(at: Date())
            }
            let partner = partner
            let lines = try await AppRunner.withApp(LanternConfiguration.fromEnvironment()) { app in
                try await app.autoMigrate()
                let sql = try AppRunner.sql(app)
                let (_, verdicts) = try await RetentionService.due(sql, partner: partner, on: day)
                let lines = RetentionService.lines(verdicts, batched: try await RetentionService.batchedItems(sql))
                try await app.auditTrail.recordAlone([AuditRecord(actor: "cli", partner: partner ?? "", purpose: "governance", action: .read,
                                                                  subject: "retention", resource: "due lines:\(lines.count)",
                                                                  decision: .permit, reason: "lantern retention due as of \(day)")], on: app.db)
                return lines
            }
            print("Due for disposal as of \(day):")
            if lines.isEmpty { print("  nothing") }
            for line in lines {
                print("  \(line.partner)  \(line.recordClass)  \(line.action)  due \(line.due) (in a batch \(line.batched))  held \(line.held)\(line.holds.isEmpty ? "" : " (\(line.holds))")  earliest \(line.earliest)")
            }
        }
    }

    /// `lantern retention dispose BATCH`: carries out an approved batch.
    struct Dispose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dispose", abstract: "Carry out an approved disposal batch (its reference or id).")
        @ArgumentParser.Argument(help: "The batch reference (DB-2026-0001) or id.") var batch: String

        func run() async throws {
            let key = batch
            let outcome = try await AppRunner.withApp(LanternConfiguration.fromEnvironment()) { app in
                try await app.autoMigrate()
                guard let stored = try await RetentionRepository(database: try AppRunner.sql(app)).batch(key) else {
                    throw ValidationError("no disposal batch \"\(key)\": see the batches on /retention")
                }
                guard stored.status == .approved, let approver = stored.approvedBy else {
                    throw ValidationError("\(stored.reference) is \(stored.status.rawValue): the owning partner's records officer must approve it first")
                }
                return try await DisposalService(app: app).carryOut(
                    batch: stored.id, approvedBy: DisposalApprover(userID: approver.uuidString, partner: stored.partner, role: "records"))
            }
            print(outcome.certificate.canonicalText)
            print("signature=\(outcome.signature)")
            if !outcome.held.isEmpty { print("Kept by legal holds: \(outcome.held.joined(separator: ", "))") }
        }
    }

    /// `lantern retention run`: what the server does daily, once.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Carry out every approved disposal batch and complete withdrawals in effect (the daily run, once).")

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let (outcomes, withdrawals) = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                return (try await RetentionDailyRun.carryOutApproved(app),
                        try await WithdrawalCompletion.run(app, on: CalendarDate.today(at: Date()), dataDirectory: config.dataDirectory))
            }
            print("Carried out \(outcomes.count) approved batch(es): " + outcomes.map { "\($0.batch) (\($0.certificate.total) rows)" }.joined(separator: ", "))
            for done in withdrawals {
                print("Withdrawal of \(done.partner) from \(done.agreement) completed: \(done.outcome.batch), \(done.outcome.certificate.total) rows removed"
                      + (done.returnedTo.map { ", returned as import-format extracts in \($0)" } ?? ", disposed of"))
            }
        }
    }
}
