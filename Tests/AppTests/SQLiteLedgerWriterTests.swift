@testable import App
import Foundation
import Ledger
import SQLKit
import Storage
import Testing
import Vapor

/// The ledger's own SQLite writer (``SQLiteLedgerWriter``): a batch is all or
/// nothing, and after a failed batch the writer trusts nothing it remembered.
@Suite struct SQLiteLedgerWriterTests {
    func records(_ count: Int, _ label: String) -> [AuditRecord] { LedgerTipTests().records(count, label) }

    @Test func aFailedBatchLeavesNothingAndTheNextBatchAppendsWhereTheLedgerStands() async throws {
        try await withApp(.sqlite) { app in
            // setup: the file the app uses, and a batch already written through the writer
            let sql = app.db as! any SQLDatabase
            let path = try #require(try await sql.raw("SELECT file FROM pragma_database_list WHERE name = 'main'").first()?
                .decode(column: "file", as: String.self))
            let writer = try SQLiteLedgerWriter(path: path, busyTimeout: 5_000)
            defer { writer.close() }
            let signer = app.auditTrail.signer
            let first = try writer.append(records(2, "a"), at: Date(), signer: signer)
            #expect(first.treeSize == 2)
            // A row squatting on the next sequence number makes the next batch fail part-way.
            try await sql.raw("""
                INSERT INTO audit_entries (sequence, at_ms, actor, partner_slug, purpose, action, subject, resource, decision, reason, leaf_hash)
                VALUES (3, 0, 'x', 'x', 'x', 'read', 'x', 'x', 'permit', 'x', 'x')
                """).run()
            // act
            #expect(throws: SQLiteLedgerError.self) { try writer.append(records(3, "b"), at: Date(), signer: signer) }
            // validate: nothing of the failed batch is kept
            let state = try #require(try await sql.raw("SELECT tree_size FROM ledger_state WHERE id = 1").first())
            #expect(try state.decode(column: "tree_size", as: Int.self) == 2)
            #expect(try await sql.raw("SELECT count(*) AS n FROM tree_heads").first()?.decode(column: "n", as: Int.self) == 1)
            #expect(try await sql.raw("SELECT count(*) AS n FROM audit_entries WHERE sequence = 2").first()?.decode(column: "n", as: Int.self) == 0)
            // act: clear the squatter; another writer moves the ledger on; the writer appends again
            try await sql.raw("DELETE FROM audit_entries WHERE sequence = 3").run()
            try await app.db.transaction { transaction in
                try await app.auditTrail.record(records(1, "other"), on: transaction as! any SQLDatabase)
            }
            let last = try writer.append(records(2, "c"), at: Date(), signer: signer)
            // validate
            #expect(last.treeSize == 5)
            let report = try await AuditRepository(database: sql).verify(verifier: signer.verifier)
            #expect(report.isIntact)
            #expect(report.entriesChecked == 5)
            #expect(report.headsVerified == 3)
        }
    }
}
