import Foundation
import Ledger
import VaporCSQLite

/// Writes the audit ledger's group commits to the SQLite file through a
/// connection of its own, start to finish on the calling thread.
///
/// Through the driver, a batch was seven statements, and after each one it
/// came back to the shared event loops behind the pages being rendered: a
/// batch that needed about 1.5 ms of work took 20 ms, every page waited for
/// one, and the cores stood a quarter idle while they did. Here a batch is
/// one call: prepared statements, no hops, and the frontier kept from the
/// last batch unless another writer moved the ledger since.
///
/// The rules are those of ``AuditRepository/append(_:at:signer:)``: SQLite's
/// write lock is taken before the tree state is read, the entries, state and
/// signed head commit together, and the commit is on disk (`synchronous =
/// FULL`) before the call returns. Use it from one thread at a time.
public final class SQLiteLedgerWriter: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The ledger as this writer last left it, with its stored frontier text:
    /// reused while the stored text is unchanged, decoded afresh when not.
    private var known: LedgerTip?

    /// Opens the connection. `busyTimeout` is how long a batch waits for another writer (milliseconds).
    public init(path: String, busyTimeout: Int) throws {
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK else {
            let error = failure(opened)
            close()
            throw error
        }
        do {
            try execute("PRAGMA busy_timeout = \(busyTimeout)")
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA synchronous = FULL")
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// The connection's busy timeout and sync level, as SQLite reports them.
    public func settings() throws -> (busyTimeout: Int, synchronous: Int) {
        (try integer("PRAGMA busy_timeout"), try integer("PRAGMA synchronous"))
    }

    /// Appends one batch in a transaction of its own and returns its signed head.
    @discardableResult
    public func append(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) throws -> SignedTreeHead {
        try execute("BEGIN IMMEDIATE")
        do {
            let head = try appendLocked(records, at: instant, signer: signer)
            try execute("COMMIT")
            return head
        } catch {
            known = nil
            _ = sqlite_nio_sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    public func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    private func appendLocked(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) throws -> SignedTreeHead {
        let state = try storedState()
        var ledger: AuditLedger
        if let state, let known, known.frontierText == state {
            ledger = known.ledger
        } else if let state {
            ledger = try AuditRepository.tip(frontierText: state).ledger
        } else {
            ledger = AuditLedger()
        }
        let millis = Int64(instant.timeIntervalSince1970 * 1000)
        let entries = try AuditRepository.entries(records, from: ledger.nextSequence, at: millis)
        let batch = try ledger.prepare(entries)
        let insertEntry = try prepared("""
            INSERT INTO audit_entries (sequence, at_ms, actor, partner_slug, purpose, action, subject, resource,
                                       decision, reason, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (entry, hash) in zip(entries, batch.leafHashes) {
            try run(insertEntry, [.integer(Int64(entry.sequence)), .integer(entry.timestamp), .text(entry.actor),
                                  .text(entry.partner), .text(entry.purpose), .text(entry.action.rawValue),
                                  .text(entry.subject), .text(entry.resource), .text(entry.decision.rawValue),
                                  .text(entry.reason), .text(hash.base64)])
        }
        try ledger.commit(batch)
        let frontier = String(decoding: try JSONEncoder().encode(ledger.tree), as: UTF8.self)
        if state == nil {
            try run(try prepared("INSERT INTO ledger_state (id, tree_size, frontier) VALUES (1, ?, ?)"),
                    [.integer(Int64(ledger.size)), .text(frontier)])
        } else {
            try run(try prepared("UPDATE ledger_state SET tree_size = ?, frontier = ? WHERE id = 1"),
                    [.integer(Int64(ledger.size)), .text(frontier)])
        }
        let head = try signer.sign(ledger.treeHead(timestamp: millis))
        try run(try prepared("INSERT INTO tree_heads (tree_size, root_hash, timestamp_ms, key_id, signature) VALUES (?, ?, ?, ?, ?)"),
                [.integer(Int64(head.treeSize)), .text(head.head.rootHash.base64), .integer(head.head.timestamp),
                 .text(Data(head.keyID).base64EncodedString()), .text(Data(head.signature).base64EncodedString())])
        known = LedgerTip(size: ledger.size, frontierText: frontier, ledger: ledger)
        return head
    }

    /// The stored frontier text, or nil while the ledger has no state row.
    private func storedState() throws -> String? {
        let statement = try prepared("SELECT frontier FROM ledger_state WHERE id = 1")
        defer { sqlite_nio_sqlite3_reset(statement) }
        let step = sqlite_nio_sqlite3_step(statement)
        if step == SQLITE_DONE { return nil }
        guard step == SQLITE_ROW else { throw failure(step) }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, 0))
        guard let start = sqlite_nio_sqlite3_column_text(statement, 0) else { throw StorageError.corrupt("ledger state") }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    private enum Value {
        case integer(Int64)
        case text(String)
    }

    private func run(_ statement: OpaquePointer, _ values: [Value]) throws {
        defer { sqlite_nio_sqlite3_reset(statement) }
        for (offset, value) in values.enumerated() {
            let position = Int32(offset + 1)
            let bound: Int32
            switch value {
            case .integer(let number):
                bound = sqlite_nio_sqlite3_bind_int64(statement, position, number)
            case .text(let text):
                bound = sqlite_nio_sqlite3_bind_text64(statement, position, text, UInt64(text.utf8.count), ledgerTransient, UInt8(SQLITE_UTF8))
            }
            guard bound == SQLITE_OK else { throw failure(bound) }
        }
        let step = sqlite_nio_sqlite3_step(statement)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let known = statements[sql] { return known }
        var made: OpaquePointer?
        let result = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &made, nil)
        guard result == SQLITE_OK, let made else { throw failure(result) }
        statements[sql] = made
        return made
    }

    private func execute(_ sql: String) throws {
        let result = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw failure(result) }
    }

    private func integer(_ sql: String) throws -> Int {
        let statement = try prepared(sql)
        defer { sqlite_nio_sqlite3_reset(statement) }
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW else { throw failure(sqlite_nio_sqlite3_errcode(handle)) }
        return Int(sqlite_nio_sqlite3_column_int64(statement, 0))
    }

    private func failure(_ code: Int32) -> SQLiteLedgerError {
        let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "no message"
        return SQLiteLedgerError(code: code, message: message)
    }
}

/// SQLite's own words when a ledger batch cannot be written; nothing of the batch is kept.
public struct SQLiteLedgerError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "The audit ledger could not be written (SQLite \(code)): \(message)" }
}

/// SQLite copies a bound value before the call returns (`SQLITE_TRANSIENT`).
private let ledgerTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
