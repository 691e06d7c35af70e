import ArgumentParser
import Fluent
import Foundation
import Ledger
import SQLKit
import Storage

/// `lantern bench audit --entries N`: append N audit entries to a fresh
/// SQLite store in durable batches (one transaction, one signed head per
/// batch), then verify the whole ledger; prints both rates, and the time
/// the breach register takes to compute what a breach reached from it.
struct AuditBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Audit ledger append and verify speed.")

    @ArgumentParser.Option(help: "How many entries to append.") var entries = 1_000_000
    @ArgumentParser.Option(help: "Entries per transaction (durable batching).") var batch = 1_000
    @ArgumentParser.Option(help: "Keep the store in this directory instead of a temporary one (for crash tests).")
    var data: String?
    @ArgumentParser.Flag(help: "Print a line after each committed batch (crash tests wait on it).") var progress = false

    func run() async throws {
        guard entries > 0, batch > 0 else { throw ValidationError("--entries and --batch must be positive") }
        let scratch = data.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("lantern-audit-\(UUID().uuidString)")
        defer { if data == nil { try? FileManager.default.removeItem(at: scratch) } }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let batchSize = batch
        let total = entries
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            let actors = (0..<500).map { _ in UUID().uuidString }
            let people = (0..<20_000).map { _ in UUID().uuidString }
            let clock = ContinuousClock()
            let start = clock.now
            var written = 0
            while written < total {
                let count = min(batchSize, total - written)
                // Realistic sizes without per-entry UUID generation, which would measure Foundation, not the ledger.
                let records = (0..<count).map { i in
                    AuditRecord(actor: actors[(written + i) % actors.count],
                                partner: "bench-partner", purpose: "holistic-view", action: .read,
                                subject: "person:\(people[(written + i) % people.count])", resource: "person-page records:3 events:12",
                                decision: .permit, reason: "allocated worker; flow 3 of the bench agreement")
                }
                try await app.db.transaction { transaction in
                    try await app.auditTrail.record(records, on: transaction as! any SQLDatabase)
                }
                written += count
                if progress {
                    print("committed \(written)")
                    fflush(nil)
                }
            }
            let appendSeconds = LinkBench.seconds(clock.now - start)
            print(String(format: "append         %d entries in %.2f s = %.0f entries/s (SQLite, %d per transaction, a signed head each)",
                         total, appendSeconds, Double(total) / appendSeconds, batchSize))
            let verifyStart = clock.now
            let report = try await AuditRepository(database: try AppRunner.sql(app)).verify(verifier: app.auditTrail.signer.verifier)
            let verifySeconds = LinkBench.seconds(clock.now - verifyStart)
            print(String(format: "verify         %d entries, %d signed heads in %.2f s (%@)",
                         report.entriesChecked, report.headsVerified, verifySeconds, report.isIntact ? "intact" : "FAILED"))
            // What a breach reached, from the ledger: one account's reads, then a whole partner's.
            let breaches = BreachRepository(database: try AppRunner.sql(app))
            for (label, actor, partner) in [("one account", actors[0] as String?, nil as String?), ("one partner", nil, "bench-partner")] {
                let impactStart = clock.now
                let impact = try await breaches.impact(actor: actor, partner: partner, fromSeconds: 0, toSeconds: Int64.max / 1_000)
                print(String(format: "breach impact  %@: %d people, %d reads in %.3f s", label, impact.subjects, impact.disclosures,
                             LinkBench.seconds(clock.now - impactStart)))
            }
            print("peak memory    \(PeakMemory.megabytes()) MB")
        }
    }
}
