import Fluent
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Vapor

/// Why records are being disposed of, as the certificate states it.
public enum DisposalReason: Sendable, Hashable {
    /// A retention batch's rule ran out (the batch carries the rule version).
    case retention
    /// An erasure request granted, by its reference (`RR-2026-0003`).
    case erasure(request: String)
    /// A withdrawing partner's records, disposed of as its agreement says.
    case withdrawal(agreement: String)

    var text: String {
        switch self {
        case .retention: "retention"
        case .erasure(let request): "erasure \(request)"
        case .withdrawal(let agreement): "withdrawal \(agreement)"
        }
    }
}

/// What a disposal did: its batch, the signed certificate now in the audit
/// ledger, and the items a legal hold kept.
public struct DisposalOutcome: Sendable {
    public var batch: String
    public var certificate: DisposalCertificate
    /// Base64 Ed25519 signature over the certificate's canonical text, by the ledger key.
    public var signature: String
    public var held: [String]
}

/// Who approved a disposal: an account id and the role it acted in (no name
/// goes into the certificate).
public struct DisposalApprover: Sendable {
    public var userID: String
    public var partner: String
    public var role: String

    public init(userID: String, partner: String, role: String) {
        self.userID = userID
        self.partner = partner
        self.role = role
    }
}

/// Carries out disposals: removes the records and everything derived from
/// them in one transaction with the signed certificate's audit entry, then
/// wipes the freed space from the database files.
///
/// Use ``dispose(sourceRecords:partner:reason:approvedBy:)`` to dispose of
/// records now (an erasure, a withdrawal), and ``carryOut(batch:approvedBy:)``
/// for an approved retention batch. Contract: all of it or none of it; held
/// items are never removed (they are listed); the caller has already checked
/// that `approvedBy` may dispose of `partner`'s records.
public struct DisposalService: Sendable {
    let app: Application

    public init(app: Application) { self.app = app }

    /// Disposes of these source records of `partner` (and the events and
    /// services it recorded against them), with the reason on the certificate.
    public func dispose(sourceRecords: [UUID], partner: String, reason: DisposalReason, approvedBy: DisposalApprover,
                        now: Date = Date()) async throws -> DisposalOutcome {
        let sql = try AppRunner.sql(app)
        let preview = #"{"items":\#(sourceRecords.count)}"#
        let (id, _) = try await RetentionRepository(database: sql).createBatch(
            partner: partner, recordClass: RecordClass.people, reason: reason.text, ruleVersion: nil, action: "destroy",
            status: .approved, dueBy: CalendarDate.today(at: now).description, preview: preview, preparedBy: approvedBy.userID, at: now)
        try await DisposalRepository(database: sql).addItems(sourceRecords, table: "source_records", to: id)
        return try await carryOut(batch: id, approvedBy: approvedBy, now: now)
    }

    /// Carries out an approved batch.
    public func carryOut(batch id: UUID, approvedBy: DisposalApprover, now: Date = Date()) async throws -> DisposalOutcome {
        let sql = try AppRunner.sql(app)
        let repository = RetentionRepository(database: sql)
        guard let batch = try await repository.batch(id.uuidString) else { throw Abort(.notFound, reason: "no such disposal batch") }
        guard batch.status == .approved else {
            throw DisposalRefusal(code: "not-approved", description: "\(batch.reference) is \(batch.status.rawValue): only an approved batch can be carried out.")
        }
        // Holds placed since approval still win: those items stay, and are listed.
        let held = try await RetentionService.heldItems(in: id, partner: batch.partner, sql: sql, on: CalendarDate.today(at: now))
        let items = DisposalRepository(database: sql)
        for (table, ids) in held.byTable { try await items.removeItems(ids, table: table, from: id) }
        let isSQLite = sql.dialect.name == "sqlite"
        let method = isSQLite
            ? "deleted in one transaction; SQLite secure_delete (freed pages zeroed) and WAL checkpoint (TRUNCATE)"
            : "deleted in one transaction; PostgreSQL VACUUM FULL of the affected tables"
        let signer = app.auditTrail.signer
        let trail = app.auditTrail
        let rule = try await Self.ruleWords(batch, sql: sql)
        let day = CalendarDate.today(at: now).description
        let (outcome, people) = try await app.db.transaction { transaction -> (DisposalOutcome, [UUID]) in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            // Deleted cells and freed pages are overwritten with zeros, not just unlinked.
            if isSQLite { try await tx.raw("PRAGMA secure_delete = ON").run() }
            let disposal = DisposalRepository(database: tx)
            try await disposal.addDependents(batch: id)
            // Tombstones in the same transaction: a record is gone if and only if a later extract cannot bring it back.
            let key = TombstoneKey(key: signer.derivedKey(purpose: "disposal-tombstone"))
            try await DisposalTombstoneRepository(database: tx).add(
                try await disposal.recordKeys(batch: id).map { (key.tag(kind: $0.kind, partner: $0.partner, recordID: $0.recordID), $0.partner) },
                DisposalTombstone(batch: batch.reference, rule: rule, disposedOn: day))
            let people = try await disposal.people(batch: id)
            let counts = try await disposal.remove(batch: id)
            let certificate = DisposalCertificate(
                batch: batch.reference, partner: batch.partner, recordClass: batch.recordClass, reason: batch.reason,
                ruleVersion: batch.ruleVersion, counts: counts, held: held.count, approvedBy: approvedBy.userID,
                approverRole: approvedBy.role, disposedAt: GovernanceTime.text(now), method: method)
            let signature = Data(try signer.sign(document: "disposal-certificate", certificate.canonicalText)).base64EncodedString()
            let text = certificate.canonicalText + "\nsignature=" + signature
            try await RetentionRepository(database: tx).markDisposed(id, certificate: text, at: now)
            try await trail.record([AuditRecord(
                actor: approvedBy.userID, partner: approvedBy.partner, purpose: "governance", action: .write,
                subject: "disposal:\(batch.reference)", resource: text, decision: .permit,
                reason: "disposal certificate: \(certificate.total) rows removed, \(held.count) held")], on: tx, at: now)
            return (DisposalOutcome(batch: batch.reference, certificate: certificate, signature: signature, held: held.references), people)
        }
        try await Self.wipeFreedSpace(sql, tables: Array(outcome.certificate.counts.keys))
        // In-memory copies built from the removed records go too.
        await app.storeLinker.forgetIndex()
        await app.casework.invalidate()
        // After the commit: the record is gone whether or not its recipients can be told now.
        let partnerName = try await PartnershipRepository(database: sql).partners().first { $0.slug == batch.partner }?.name ?? batch.partner
        try await DisposalNotices(sql: sql, audit: app.auditTrail, database: app.db)
            .send(people: people, batch: batch, partnerName: partnerName, rule: rule, on: day, approver: approvedBy, at: now)
        return outcome
    }

    /// The rule a batch was disposed of under, in words for tombstones and notices.
    static func ruleWords(_ batch: StoredDisposalBatch, sql: any SQLDatabase) async throws -> String {
        guard batch.reason == "retention" else { return batch.reason }
        return "the \(RecordClass.label(batch.recordClass)) retention rule" + (batch.ruleVersion.map { " (schedule version \($0))" } ?? "")
    }

    /// Takes what was deleted out of the files: on SQLite, the write-ahead log
    /// is checkpointed into the (zeroed) pages and truncated; on PostgreSQL the
    /// affected tables are rewritten so dead rows leave the table files.
    static func wipeFreedSpace(_ sql: any SQLDatabase, tables: [String]) async throws {
        if sql.dialect.name == "sqlite" {
            for _ in 0..<20 {
                let busy = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self) ?? 0
                if busy == 0 { return }
                // A reader holds an old snapshot: wait for it to finish, then try again.
                try await Task.sleep(for: .milliseconds(100))
            }
        } else {
            for table in tables.sorted() where table.allSatisfy({ $0.isLetter || $0 == "_" }) {
                try await sql.raw("VACUUM FULL \(ident: table)").run()
            }
        }
    }
}

/// A disposal refused, with what to do instead.
public struct DisposalRefusal: Error, Sendable, CustomStringConvertible, AbortError {
    public var code: String
    public var description: String
    public var status: HTTPResponseStatus { .conflict }
    public var reason: String { description }
}

/// An agreed erasure is a disposal like any other: same removal, same certificate,
/// same refusal to touch what a legal hold keeps.
extension DisposalService: ErasureDisposer {
    func disposeForErasure(sourceRecords: [UUID], partner: String, request reference: String,
                           approverUserID: String, approverPartner: String) async throws -> String {
        let outcome = try await dispose(sourceRecords: sourceRecords, partner: partner, reason: .erasure(request: reference),
                                        approvedBy: DisposalApprover(userID: approverUserID, partner: approverPartner, role: "dpo"))
        return outcome.held.isEmpty ? outcome.batch : "\(outcome.batch) (held: \(outcome.held.count))"
    }
}
