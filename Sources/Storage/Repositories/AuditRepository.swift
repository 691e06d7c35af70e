import Foundation
import Ledger
import SQLKit

/// What happened, by whom and why: one audit entry before it has a place in
/// the ledger.
public struct AuditRecord: Sendable, Hashable {
    public var actor: String
    public var partner: String
    public var purpose: String
    public var action: AuditAction
    public var subject: String
    public var resource: String
    public var decision: AuditDecision
    public var reason: String

    public init(actor: String, partner: String, purpose: String, action: AuditAction, subject: String,
                resource: String, decision: AuditDecision, reason: String) {
        self.actor = actor
        self.partner = partner
        self.purpose = purpose
        self.action = action
        self.subject = subject
        self.resource = resource
        self.decision = decision
        self.reason = reason
    }
}

/// Appends to and reads the tamper-evident audit ledger (RFC 9162 Merkle tree).
///
/// Use it inside the transaction that does the audited work, so the entry and
/// the work commit or roll back together. Contract: the tree state is read
/// and written in the same transaction (locked on PostgreSQL, serialised by
/// SQLite's single writer), so entries from several processes never share a
/// sequence number, and every append stores a signed tree head.
public struct AuditRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    @discardableResult
    public func append(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) async throws -> SignedTreeHead {
        try await appendLocked(records, at: instant, signer: signer).head
    }

    /// The append, with where it left the ledger.
    func appendLocked(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) async throws -> (head: SignedTreeHead, tip: LedgerTip) {
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        if sql.dialect.name == "sqlite" {
            // Take SQLite's write lock before reading the tree state, so two
            // appenders never read the same state (the PostgreSQL equivalent is
            // the row lock below). The connection's busy timeout (Lantern sets
            // one on every connection) makes another writer wait rather than fail.
            try await sql.raw("UPDATE ledger_state SET tree_size = tree_size WHERE id = 1").run()
        }
        var state = try await sql.raw("SELECT tree_size, frontier FROM ledger_state WHERE id = 1\(unsafeRaw: lock)").first()
        if state == nil, sql.dialect.name == "postgresql" {
            // The very first append: there is no row to lock yet, so two first appends would
            // both number from 0. One of them makes the empty state; both then lock it in turn.
            let empty = String(decoding: try JSONEncoder().encode(AuditLedger().tree), as: UTF8.self)
            try await sql.raw("INSERT INTO ledger_state (id, tree_size, frontier) VALUES (1, 0, \(bind: empty)) ON CONFLICT (id) DO NOTHING").run()
            state = try await sql.raw("SELECT tree_size, frontier FROM ledger_state WHERE id = 1\(unsafeRaw: lock)").first()
        }
        var ledger = AuditLedger()
        if let state {
            let frontier = try JSONDecoder().decode(CompactMerkleTree.self, from: Data(try state.decode(column: "frontier", as: String.self).utf8))
            ledger = AuditLedger(tree: frontier)
        }
        let millis = Int64(instant.timeIntervalSince1970 * 1000)
        let entries = try Self.entries(records, from: ledger.nextSequence, at: millis)
        let batch = try ledger.prepare(entries)
        // In statements of at most 1,000 rows: a group commit of a busy minute can
        // hold more entries than PostgreSQL takes parameters in one statement (65,535).
        let rows = Array(zip(entries, batch.leafHashes))
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            var insert = sql.insert(into: "audit_entries").columns(
                "sequence", "at_ms", "actor", "partner_slug", "purpose", "action", "subject", "resource", "decision",
                "reason", "leaf_hash")
            for (entry, hash) in rows[start..<min(start + 1_000, rows.count)] {
                insert = insert.values(entry.sequence, entry.timestamp, entry.actor, entry.partner, entry.purpose,
                                       entry.action.rawValue, entry.subject, entry.resource, entry.decision.rawValue,
                                       entry.reason, hash.base64)
            }
            try await insert.run()
        }
        try ledger.commit(batch)
        let frontier = String(decoding: try JSONEncoder().encode(ledger.tree), as: UTF8.self)
        if state == nil {
            try await sql.insert(into: "ledger_state").columns("id", "tree_size", "frontier")
                .values(1, ledger.size, frontier).run()
        } else {
            try await sql.update("ledger_state").set("tree_size", to: ledger.size).set("frontier", to: frontier)
                .where("id", .equal, 1).run()
        }
        let head = try signer.sign(ledger.treeHead(timestamp: millis))
        try await sql.insert(into: "tree_heads").columns("tree_size", "root_hash", "timestamp_ms", "key_id", "signature")
            .values(head.treeSize, head.head.rootHash.base64, head.head.timestamp,
                    Data(head.keyID).base64EncodedString(), Data(head.signature).base64EncodedString())
            .run()
        return (head, LedgerTip(size: ledger.size, frontierText: frontier, ledger: ledger))
    }

    /// Every signed tree head, oldest first: what a partner downloads.
    public func signedHeads() async throws -> [SignedTreeHead] {
        try await sql.select().columns("tree_size", "root_hash", "timestamp_ms", "key_id", "signature")
            .from("tree_heads").orderBy("tree_size").all().map { row in
                guard let root = try? MerkleHash(base64: try row.decode(column: "root_hash", as: String.self)),
                      let key = Data(base64Encoded: try row.decode(column: "key_id", as: String.self)),
                      let signature = Data(base64Encoded: try row.decode(column: "signature", as: String.self)) else {
                    throw StorageError.corrupt("signed tree head")
                }
                let head = TreeHead(treeSize: try row.decode(column: "tree_size", as: Int.self), rootHash: root,
                                    timestamp: try row.decode(column: "timestamp_ms", as: Int64.self))
                return SignedTreeHead(head: head, keyID: Array(key), signature: Array(signature))
            }
    }

    /// Recomputes every leaf and root and checks them against the signed heads,
    /// reading the entries a page at a time.
    public func verify(verifier: TreeHeadVerifier, pageSize: Int = 10_000) async throws -> LedgerVerificationReport {
        var check = LedgerVerifier(signedHeads: try await signedHeads(), verifier: verifier)
        var after = -1
        while true {
            let rows = try await sql.select()
                .columns("sequence", "at_ms", "actor", "partner_slug", "purpose", "action", "subject", "resource",
                         "decision", "reason", "leaf_hash")
                .from("audit_entries").where("sequence", .greaterThan, after).orderBy("sequence").limit(pageSize).all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let sequence = try row.decode(column: "sequence", as: Int.self)
                after = sequence
                let stored = try Self.storedEntry(row, sequence: sequence)
                guard check.check(stored) else { return check.finish() }
            }
        }
        return check.finish()
    }

    private static func storedEntry(_ row: any SQLRow, sequence: Int) throws -> StoredAuditEntry {
        guard let action = AuditAction(rawValue: try row.decode(column: "action", as: String.self)),
              let decision = AuditDecision(rawValue: try row.decode(column: "decision", as: String.self)),
              let hash = try? MerkleHash(base64: try row.decode(column: "leaf_hash", as: String.self)) else {
            throw StorageError.corrupt("audit entry \(sequence)")
        }
        let entry = try AuditEntry(
            sequence: sequence, timestamp: try row.decode(column: "at_ms", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self), partner: try row.decode(column: "partner_slug", as: String.self),
            purpose: try row.decode(column: "purpose", as: String.self), action: action,
            subject: try row.decode(column: "subject", as: String.self), resource: try row.decode(column: "resource", as: String.self),
            decision: decision, reason: try row.decode(column: "reason", as: String.self))
        return StoredAuditEntry(entry: entry, leafHash: hash)
    }
}
