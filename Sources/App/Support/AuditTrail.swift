import Fluent
import Foundation
import Ledger
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
    /// no transaction: one at a time in this process, so requests do not
    /// queue on the store's write lock against each other.
    public func recordAlone(_ records: [AuditRecord], on database: any Database, at instant: Date = Date()) async throws {
        try await gate.run {
            try await database.transaction { transaction in
                guard let sql = transaction as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the store does not speak SQL") }
                try await AuditRepository(database: sql).append(records, at: instant, signer: signer)
            }
        }
    }

    let gate = AppendGate()

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
        try await application.auditTrail.recordAlone([record], on: db)
    }
}

/// Runs appends one after another within the process. Each call waits for
/// the one before it to finish (an actor alone would interleave them at
/// every suspension point).
actor AppendGate {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task { () async throws -> T in
            _ = await previous?.value
            return try await body()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
