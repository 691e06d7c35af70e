import FluentPostgresDriver
import Foundation
import Ledger
import SQLKit

/// Where the ledger stood after an append: its size and the frontier text
/// exactly as stored, so a later append can say "only if it still stands here".
public struct LedgerTip: Sendable, Equatable {
    public let size: Int
    let frontierText: String
    let ledger: AuditLedger
}

extension AuditRepository {
    /// The ledger as it stands now, or nil while it is empty.
    public func tip() async throws -> LedgerTip? {
        guard let row = try await sql.raw("SELECT tree_size, frontier FROM ledger_state WHERE id = 1").first() else { return nil }
        return try Self.tip(frontierText: try row.decode(column: "frontier", as: String.self))
    }

    /// Appends `records` as one batch, like ``append(_:at:signer:)``, in a
    /// single statement that runs only if the ledger still stands at `tip`.
    /// Returns the new tip, or nil (and writes nothing) if another writer
    /// moved the ledger on: the caller then appends the locked way.
    ///
    /// Why: a page's response waits for its audit batch, and the locked
    /// append takes six round trips to PostgreSQL (begin, lock and read the
    /// state, entries, state, head, commit), each queued behind the other
    /// pages' queries under load. One statement is one round trip and its
    /// own transaction; the guarded update of the state row serialises
    /// writers as the row lock did, and a writer that finds the row changed
    /// (another process, an import's own transaction, a restore) inserts
    /// nothing, because every insert depends on that update's row.
    /// PostgreSQL only (it binds whole columns as arrays); nil elsewhere.
    public func append(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner,
                       after tip: LedgerTip) async throws -> LedgerTip? {
        guard sql is any PostgresDatabase else { return nil }
        var ledger = tip.ledger
        let millis = Int64(instant.timeIntervalSince1970 * 1000)
        let entries = try Self.entries(records, from: ledger.nextSequence, at: millis)
        let batch = try ledger.prepare(entries)
        try ledger.commit(batch)
        let frontier = String(decoding: try JSONEncoder().encode(ledger.tree), as: UTF8.self)
        let head = try signer.sign(ledger.treeHead(timestamp: millis))

        let values: [any PreparedValue] = [
            Int64(ledger.size), frontier, Int64(tip.size), tip.frontierText,
            entries.map { Int64($0.sequence) }, entries.map(\.timestamp), entries.map(\.actor), entries.map(\.partner),
            entries.map(\.purpose), entries.map(\.action.rawValue), entries.map(\.subject), entries.map(\.resource),
            entries.map(\.decision.rawValue), entries.map(\.reason), batch.leafHashes.map(\.base64),
            Int64(head.treeSize), head.head.rootHash.base64, head.head.timestamp,
            Data(head.keyID).base64EncodedString(), Data(head.signature).base64EncodedString(),
        ]
        let moved = try await sql.preparedRows(GuardedAppend.self, values).first?.decode(column: "moved", as: Int64.self)
        guard moved == 1 else { return nil }
        return LedgerTip(size: ledger.size, frontierText: frontier, ledger: ledger)
    }

    /// The locked append (``append(_:at:signer:)``) and where it left the
    /// ledger: call it inside a transaction.
    public func appendReturningTip(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) async throws -> LedgerTip? {
        try await appendLocked(records, at: instant, signer: signer).tip
    }

    static func tip(frontierText: String) throws -> LedgerTip {
        let tree = try JSONDecoder().decode(CompactMerkleTree.self, from: Data(frontierText.utf8))
        return LedgerTip(size: tree.size, frontierText: frontierText, ledger: AuditLedger(tree: tree))
    }

    static func entries(_ records: [AuditRecord], from sequence: Int, at millis: Int64) throws -> [AuditEntry] {
        try records.enumerated().map { index, record in
            try AuditEntry(sequence: sequence + index, timestamp: millis, actor: record.actor,
                           partner: record.partner, purpose: record.purpose, action: record.action,
                           subject: record.subject, resource: record.resource, decision: record.decision,
                           reason: record.reason)
        }
    }
}

/// $1-$4 the new and expected state, $5-$15 the entries' columns as arrays,
/// $16-$20 the signed head; `moved` says whether it ran. Prepared once per
/// connection like the pages' reads; every parameter is cast, since a
/// prepared statement's types come from its text alone.
private enum GuardedAppend: PreparedReadText {
    static let name = "ledger_guarded_append"
    static let postgresSQL = """
        WITH moved AS (
            UPDATE ledger_state SET tree_size = $1::bigint, frontier = $2::text
            WHERE id = 1 AND tree_size = $3::bigint AND frontier = $4::text
            RETURNING tree_size
        ), entries AS (
            INSERT INTO audit_entries (sequence, at_ms, actor, partner_slug, purpose, action, subject, resource,
                                       decision, reason, leaf_hash)
            SELECT * FROM unnest($5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[],
                                 $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
            WHERE EXISTS (SELECT 1 FROM moved)
        ), head AS (
            INSERT INTO tree_heads (tree_size, root_hash, timestamp_ms, key_id, signature)
            SELECT $16::bigint, $17::text, $18::bigint, $19::text, $20::text WHERE EXISTS (SELECT 1 FROM moved)
        )
        SELECT count(*) AS moved FROM moved
        """
}
