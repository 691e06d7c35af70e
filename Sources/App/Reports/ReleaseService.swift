import Crypto
import Fluent
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Vapor

/// Lets a depersonalised table out: the count rule, then the differencing
/// guard against every earlier release, then the register and the audit
/// ledger (policy version and SHA-256 of what was shown), in one transaction.
///
/// Use ``release(report:candidates:policy:atoms:caller:on:)`` with the table
/// drawn at each acceptable level, finest first. Contract: the first level
/// the guard accepts is released; if none is, nothing is, and the caller is
/// told to ask for a coarser breakdown.
struct ReleaseService {
    let trail: AuditTrail

    struct Candidate {
        var table: CountTable
        var notes: [String]
    }

    func release(report: String, candidates: [Candidate], policy: DisclosurePolicy, atoms: some CountOracle,
                 actor: String, partner: String, on database: any Database) async throws -> (ReleasedTable, String) {
        try await ReleaseLine.shared.run {
            try await releaseAlone(report: report, candidates: candidates, policy: policy, atoms: atoms,
                                   actor: actor, partner: partner, on: database)
        }
    }

    private func releaseAlone(report: String, candidates: [Candidate], policy: DisclosurePolicy, atoms: some CountOracle,
                              actor: String, partner: String, on database: any Database) async throws -> (ReleasedTable, String) {
        try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the store does not speak SQL") }
            if sql.dialect.name == "postgresql" {
                // Other Lantern processes on the same store queue here too, until the transaction ends.
                try await sql.raw("SELECT pg_advisory_xact_lock(7203114)").run()
            } else {
                // Take SQLite's write lock before reading the history: a transaction that read
                // first and then wrote would fail if an audit append committed in between.
                try await sql.raw("DELETE FROM disclosure_releases WHERE 1 = 0").run()
            }
            let repository = ReleaseRepository(database: sql)
            let guardian = DifferencingGuard(index: try await ReleaseHistory.shared.index(repository))
            var coarsened = false
            for candidate in candidates {
                var released = policy.release(candidate.table, notes: candidate.notes)
                let isolated = guardian.isolations(of: released.cells, largestSuppressed: policy.largestSuppressed, count: atoms.count)
                guard isolated.isEmpty else {
                    coarsened = true
                    continue
                }
                if coarsened {
                    released.notes.append("Shown more coarsely than asked: the finer table, set against an earlier release, would have revealed a number from 1 to \(policy.largestSuppressed).")
                }
                if released.rows.flatMap(\.values).contains(.suppressed) {
                    released.notes.append("* marks a count from 1 to \(policy.largestSuppressed), held back; other counts are rounded to the nearest \(policy.roundingBase) and totals are rounded from the true sum.")
                }
                let digest = SHA256.hash(data: Data(released.canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
                let repeated = try await repository.contains(digest: digest)
                let id = repeated ? UUID() : try await repository.record(released, report: report, policy: policy, digest: digest, by: actor,
                                                                         at: Int64(Date().timeIntervalSince1970))
                try await trail.record([AuditRecord(
                    actor: actor, partner: partner, purpose: "evaluation", action: .export, subject: "report:\(report)",
                    resource: "release:\(repeated ? "repeat" : id.uuidString) policy:\(policy.name) sha256:\(digest)", decision: .permit,
                    reason: "depersonalised report released: \(released.title)")], on: sql)
                return (released, digest)
            }
            throw ReportProblem(code: "would-isolate", reason: "Every breakdown of this report, down to the whole partnership by year, would reveal a number from 1 to \(policy.largestSuppressed) when set against an earlier release. Nothing was released; ask the partnership analyst for a different table.")
        }
    }
}
