import FluentSQLiteDriver
import Foundation
import Ledger
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Storage
import Vapor

/// How Lantern's SQLite connections are set up, in one place.
///
/// - Every connection waits for SQLite's one writer up to ``busyTimeoutMilliseconds``,
///   sleeping meanwhile. The driver's own busy handler retries without
///   sleeping: a writer waiting for the lock spun a core (the machine has two)
///   for as long as the holder took, and a waiting import failed nothing but
///   burnt CPU every page needed.
/// - Commits stay `synchronous=FULL` (SQLite's default): with WAL, `NORMAL`
///   would keep the file consistent but may lose the last commits on a power
///   cut, and for the audit ledger that is not acceptable: a page shown would
///   have no entry, and a signed tree head a partner had already downloaded
///   would be re-signed over other entries after restart, which is exactly
///   what tampering looks like. The price of a sync per commit is paid once
///   per batch of pages instead: pages append through ``AppendGate`` (group
///   commit) on the ledger's own connection (``LedgerConnection``), so no
///   request connection waits for the disk, and a request writes at most one
///   batch (``AuditOnce``).
enum SQLiteConnections {
    /// As long as a request waits for a pooled connection (`connectionPoolTimeout`):
    /// an import holds the writer for long, and a request that waits should be served late, not fail.
    static let busyTimeoutMilliseconds = 60_000

    /// Sets the busy timeout on a connection (it replaces the driver's spinning busy handler).
    static func tune(_ sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
    }

    /// Tunes the pooled connections. The SQLite driver keeps exactly one
    /// connection per event loop for the life of the process (it has no
    /// setting for more, and replaces a connection only once it is closed),
    /// so setting each loop's connection once sets every connection requests use.
    static func tunePool(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            try await tune(sql)
        }
    }
}

/// The audit ledger's own SQLite connection, on a thread of its own, for the
/// batches ``AuditTrail/recordAlone(_:on:at:)`` writes outside any transaction.
///
/// Its own connection: a ledger commit waits for the disk (see
/// ``SQLiteConnections``), and the SQLite driver gives each event loop one
/// connection, so a commit on a request's connection held up every other
/// request on that loop meanwhile. Its own thread: a request connection
/// waiting for SQLite's write lock waits on a thread of the shared blocking
/// pool; were the ledger's connection on that pool too, waiters could hold
/// every thread while the commit holding the lock waited for one (a second
/// Fluent pool for the ledger deadlocked so under load, and was backed out).
/// A batch runs start to finish on that thread (``SQLiteLedgerWriter``): it
/// no longer comes back to the event loops between statements.
actor LedgerConnection {
    private let path: String
    private let threadPool: NIOThreadPool
    private var writer: SQLiteLedgerWriter?
    private var closed = false

    init(path: String) {
        self.path = path
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
    }

    /// Appends one batch in a transaction of its own, taking the write lock first.
    func append(_ records: [AuditRecord], at instant: Date, signer: TreeHeadSigner) async throws {
        let writer = try open()
        try await threadPool.runIfActive { try writer.append(records, at: instant, signer: signer) }
    }

    /// The connection's busy timeout and sync level, as SQLite reports them (for tests).
    func settings() async throws -> (busyTimeout: Int, synchronous: Int) {
        let writer = try open()
        return try await threadPool.runIfActive { try writer.settings() }
    }

    private func open() throws -> SQLiteLedgerWriter {
        if let writer { return writer }
        guard !closed else { throw Abort(.serviceUnavailable, reason: "Lantern is shutting down: the audit ledger is closed") }
        let opened = try SQLiteLedgerWriter(path: path, busyTimeout: SQLiteConnections.busyTimeoutMilliseconds)
        writer = opened
        return opened
    }

    func close() async {
        closed = true
        try? await threadPool.shutdownGracefully()
        writer?.close()
        writer = nil
    }
}

/// Closes the ledger's connection and thread when the application shuts down.
struct LedgerConnectionShutdown: LifecycleHandler {
    let connection: LedgerConnection

    func shutdownAsync(_ application: Application) async {
        await connection.close()
    }
}

extension Application {
    /// The read connections of the SQLite store (``SQLiteReadConnections``); nil on PostgreSQL.
    var sqliteReaders: SQLiteReadConnections? {
        get { storage[SQLiteReadersKey.self] }
        set { storage[SQLiteReadersKey.self] = newValue }
    }

    private struct SQLiteReadersKey: StorageKey { typealias Value = SQLiteReadConnections }
}

/// Closes the read connections when the application shuts down.
struct SQLiteReadersShutdown: LifecycleHandler {
    let readers: SQLiteReadConnections

    func shutdownAsync(_ application: Application) async {
        readers.close()
    }
}
