import Fluent
import FluentPostgresDriver
import NIOConcurrencyHelpers
import Foundation
import Ledger
import Metrics
import SQLKit
import Storage
import Vapor

/// Writes audit entries into the ledger with the deployment's signing key.
///
/// Use `record` inside the transaction doing the audited work, or on its own
/// for reads. The key comes from `LANTERN_LEDGER_KEY` (base64 of 32 bytes) or
/// from `ledger-signing.key` in the data directory, made on first start.
public struct AuditTrail: Sendable {
    public let signer: TreeHeadSigner

    /// Appends inside the caller's transaction (the audited work's own).
    public func record(_ records: [AuditRecord], on database: any SQLDatabase, at instant: Date = Date()) async throws {
        try await AuditRepository(database: database).append(records, at: instant, signer: signer)
    }

    /// Appends in a transaction of its own, for reads and refusals that have
    /// no transaction. Appends arriving while one is being written are
    /// committed together in the next transaction (group commit), so a busy
    /// server makes one durable write per batch, not per request. Called
    /// inside a transaction, the entries join it instead: the batch writer
    /// would wait for the connection that transaction holds (on SQLite, the
    /// event loop's only one) and never get it.
    public func recordAlone(_ records: [AuditRecord], on database: any Database, at instant: Date = Date()) async throws {
        let signer = signer
        if database.inTransaction, let sql = database as? any SQLDatabase {
            try await AuditRepository(database: sql).append(records, at: instant, signer: signer)
            return
        }
        if let ledgerConnection {
            try await gate.append(records, at: instant) { batch, latest in
                try await ledgerConnection.append(batch, at: latest, signer: signer)
            }
            return
        }
        let target = ledgerDatabase?() ?? database
        let lastTip = lastTip
        try await gate.append(records, at: instant) { batch, latest in
            // One guarded statement where this process knows where the ledger
            // stands; the locked transaction when it does not, or the ledger moved.
            if let sql = target as? any SQLDatabase, let tip = lastTip.withLockedValue({ $0 }) {
                lastTip.withLockedValue { $0 = nil }
                if let next = try await AuditRepository(database: sql).append(batch, at: latest, signer: signer, after: tip) {
                    lastTip.withLockedValue { $0 = next }
                    return
                }
            }
            let next = try await target.transaction { transaction in
                guard let sql = transaction as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the store does not speak SQL") }
                return try await AuditRepository(database: sql).appendReturningTip(batch, at: latest, signer: signer)
            }
            if target is any PostgresDatabase { lastTip.withLockedValue { $0 = next } }
        }
    }

    let gate = AppendGate()

    /// Where this process's last batch left the ledger (PostgreSQL). Cleared
    /// while a batch is in flight, so a batch that fails part-way (its commit
    /// unknown) leaves nothing to trust and the next reads the state afresh.
    /// Only the gate's one drain touches it, one batch at a time.
    let lastTip = NIOLockedValueBox<LedgerTip?>(nil)

    /// On SQLite, the connection the batches go through (``LedgerConnection``),
    /// so no request's connection waits for a ledger commit; nil on
    /// PostgreSQL, whose pool has connections to spare, and batches go
    /// through a connection of the database each call is given.
    var ledgerConnection: LedgerConnection?

    /// On PostgreSQL, the ledger's own small pool: a batch written through
    /// the requests' pool queued for a connection behind every waiting
    /// page's queries, while those pages waited for the batch.
    var ledgerDatabase: (@Sendable () -> (any Database)?)?

    static func load(_ config: LanternConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AuditTrail {
        if let text = environment["LANTERN_LEDGER_KEY"], !text.isEmpty {
            guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
                throw Abort(.internalServerError, reason: "LANTERN_LEDGER_KEY must be the base64 of 32 random bytes")
            }
            return AuditTrail(signer: try TreeHeadSigner(privateKeyBytes: bytes))
        }
        let path = (config.dataDirectory as NSString).appendingPathComponent("ledger-signing.key")
        if let existing = FileManager.default.contents(atPath: path) {
            guard existing.count == 32 else {
                throw Abort(.internalServerError, reason: "\(path) is not a ledger key: restore it from backup")
            }
            return AuditTrail(signer: try TreeHeadSigner(privateKeyBytes: existing))
        }
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let key = Data([UInt8].random(count: 32))
        // Readable by the service account only: whoever holds it can sign heads.
        guard FileManager.default.createFile(atPath: path, contents: key, attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "cannot write \(path): check LANTERN_DATA is writable")
        }
        return AuditTrail(signer: try TreeHeadSigner(privateKeyBytes: key))
    }
}

extension Application {
    private struct AuditTrailKey: StorageKey { typealias Value = AuditTrail }

    public var auditTrail: AuditTrail {
        get {
            guard let trail = storage[AuditTrailKey.self] else { fatalError("configure(_:_:) sets the audit trail before use") }
            return trail
        }
        set { storage[AuditTrailKey.self] = newValue }
    }
}

extension Request {
    /// Records one entry about this request's caller.
    func audit(_ action: AuditAction, subject: String, resource: String, decision: AuditDecision = .permit,
               reason: String, purpose: String = "holistic-view") async throws {
        let caller = auth.get(Caller.self)
        let record = AuditRecord(actor: caller?.userID.uuidString ?? "anonymous", partner: caller?.partner ?? "",
                                 purpose: purpose, action: action, subject: subject, resource: resource,
                                 decision: decision, reason: reason)
        try await recordAudit([record])
        if decision == .deny { storage[RefusalAuditedKey.self] = true }
    }

    /// Records entries about this request outside any transaction: held
    /// until the response is ready and written then with every other entry
    /// of the request, as one batch (``AuditOnce``); written at once where
    /// no ``AuditOnce`` runs (or it has already written).
    func recordAudit(_ records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        if let pending = storage[PendingAudit.Key.self], pending.hold(records) { return }
        try await application.auditTrail.recordAlone(records, on: db)
    }

    private struct RefusalAuditedKey: StorageKey { typealias Value = Bool }

    /// Whether this request's refusal is already in the ledger, in the words
    /// of the route that refused it.
    var refusalAudited: Bool { storage[RefusalAuditedKey.self] ?? false }
}

/// Queues appends and writes them in batches, one batch at a time: while a
/// batch is being written, new appends wait and go together in the next.
actor AppendGate {
    typealias Write = @Sendable ([AuditRecord], Date) async throws -> Void
    private var pending: [(records: [AuditRecord], instant: Date, done: CheckedContinuation<Void, any Error>)] = []
    private var draining = false

    func append(_ records: [AuditRecord], at instant: Date, write: @escaping Write) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((records, instant, continuation))
            if !draining {
                draining = true
                Task { await self.drain(write) }
            }
        }
    }

    /// How long each batch takes to reach the disk, and how many entries it
    /// holds: every page waits for one batch, so this is part of every page's time.
    private static let writeTime = Metrics.Timer(label: "lantern_audit_batch_write_seconds")
    private static let batchSize = Recorder(label: "lantern_audit_batch_entries")

    private func drain(_ write: Write) async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let started = ContinuousClock.now
                let records = batch.flatMap(\.records)
                try await write(records, batch.map(\.instant).max() ?? Date())
                let elapsed = (ContinuousClock.now - started).components
                Self.writeTime.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
                Self.batchSize.record(records.count)
                for waiting in batch { waiting.done.resume() }
            } catch {
                for waiting in batch { waiting.done.resume(throwing: error) }
            }
        }
        draining = false
    }
}
