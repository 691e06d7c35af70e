@testable import App
import Foundation
import Ledger
import SQLKit
import Storage
import Testing
import Vapor

/// The one-statement append (``AuditRepository/append(_:at:signer:after:)``)
/// writes only where the ledger still stands where the writer last left it.
@Suite struct LedgerTipTests {
    func records(_ count: Int, _ label: String) -> [AuditRecord] {
        (0..<count).map { n in
            AuditRecord(actor: "user-\(n)", partner: "test-police", purpose: "risk-panels", action: .read,
                        subject: "page:\(label)", resource: "part \(n)", decision: .permit, reason: "test")
        }
    }

    func sequences(_ sql: any SQLDatabase) async throws -> [Int] {
        try await sql.select().column("sequence").from("audit_entries").orderBy("sequence").all()
            .map { try $0.decode(column: "sequence", as: Int.self) }
    }

    @Test(arguments: TestStore.available)
    func aGuardedAppendWritesOnlyWhereTheLedgerStillStands(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let signer = app.auditTrail.signer
            let repository = AuditRepository(database: sql)
            #expect(try await repository.tip() == nil)
            let first = try await app.db.transaction { transaction in
                try await AuditRepository(database: transaction as! any SQLDatabase)
                    .appendReturningTip(records(2, "a"), at: Date(), signer: signer)
            }
            let tip = try #require(first)
            #expect(tip.size == 2)
            #expect(try await repository.tip() == tip)

            let next = try await repository.append(records(3, "b"), at: Date(), signer: signer, after: tip)
            switch store {
            case .sqlite:
                // Only PostgreSQL binds whole columns; SQLite appends the locked way.
                #expect(next == nil)
                #expect(try await sequences(sql) == [0, 1])
            case .postgres:
                let moved = try #require(next)
                #expect(moved.size == 5)
                #expect(try await repository.tip() == moved)
                // The same stale tip again: another writer (here, the first call) moved the ledger on.
                #expect(try await repository.append(records(4, "c"), at: Date(), signer: signer, after: tip) == nil)
                #expect(try await sequences(sql) == Array(0..<5))
                // The guarded append again where it stands now.
                let last = try await repository.append(records(1, "d"), at: Date(), signer: signer, after: moved)
                #expect(last?.size == 6)
            }
            let report = try await repository.verify(verifier: signer.verifier)
            #expect(report.isIntact)
            #expect(report.headsVerified == (store == .postgres ? 3 : 1))
        }
    }

    /// A state of the same size with another frontier (a restore, or an
    /// edit) is not where the writer left the ledger: nothing is written.
    @Test func aStateOfTheSameSizeButAnotherFrontierIsNotTheTip() async throws {
        guard TestStore.available.contains(.postgres) else { return }
        try await withApp(.postgres) { app in
            let sql = app.db as! any SQLDatabase
            let signer = app.auditTrail.signer
            let repository = AuditRepository(database: sql)
            let tip = try #require(try await app.db.transaction { transaction in
                try await AuditRepository(database: transaction as! any SQLDatabase)
                    .appendReturningTip(records(2, "a"), at: Date(), signer: signer)
            })
            try await sql.raw("UPDATE ledger_state SET frontier = frontier || ' ' WHERE id = 1").run()
            #expect(try await repository.append(records(1, "b"), at: Date(), signer: signer, after: tip) == nil)
            #expect(try await sequences(sql) == [0, 1])
        }
    }

    /// Appends alone (each request's batch), interleaved with appends inside
    /// other transactions (an import's), which move the ledger behind the
    /// batch writer's back: every entry is there once, in order, and verifies.
    @Test(arguments: TestStore.available)
    func batchesAfterAnotherWriterMovedTheLedgerStillAppendInOrder(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            for round in 0..<4 {
                try await app.auditTrail.recordAlone(records(2, "alone-\(round)"), on: app.db)
                try await app.db.transaction { transaction in
                    try await app.auditTrail.record(records(1, "import-\(round)"), on: transaction as! any SQLDatabase)
                }
                try await app.auditTrail.recordAlone(records(1, "again-\(round)"), on: app.db)
            }
            #expect(try await sequences(sql) == Array(0..<16))
            let report = try await AuditRepository(database: sql).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.isIntact)
            #expect(report.entriesChecked == 16)
            #expect(report.headsVerified == 12)
        }
    }
}
