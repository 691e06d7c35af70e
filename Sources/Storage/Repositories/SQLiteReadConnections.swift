import FluentSQLiteDriver
import Foundation
import NIOCore
import VaporCSQLite

/// Connections of Lantern's own to the SQLite file, for the reads every
/// signed-in page makes (``PreparedReadText``), run where the request is.
///
/// Through the driver, each read parsed its text afresh (it keeps no prepared
/// statements), waited for a thread of the blocking pool, and came back to
/// the event loop once per row: together about a third of a panel page's CPU.
/// These connections keep each read's statement prepared and step it on the
/// calling thread: a page's reads hit SQLite's cache and take microseconds,
/// far less than the hops they replace.
///
/// They read only what is committed. The file is in write-ahead-log mode, so a
/// read never waits for a writer and each statement sees every commit made
/// before it began; a read inside a transaction, which must see that
/// transaction's own writes, never comes here (``SQLiteReadingDatabase``
/// wraps only the request's database outside any transaction). If SQLite
/// answers "busy" (a checkpoint or recovery holding the file), the read goes
/// the driver's way instead of waiting on an event loop.
public final class SQLiteReadConnections: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var idle: [ReadConnection] = []
    private var closed = false
    private var counts = (served: 0, passedOn: 0)

    /// At most this many prepared statements a connection keeps: a read with
    /// a list has one text per list length, and the texts must not grow without bound.
    static let statementsKept = 64

    public init(path: String) {
        self.path = path
    }

    /// How many reads came here and how many went the driver's way (for tests).
    public var served: (here: Int, passedOn: Int) {
        lock.withLock { (counts.served, counts.passedOn) }
    }

    /// The rows of `sql` with `binds`, or nil when SQLite is busy and the read should go the driver's way.
    func rows(_ sql: String, _ binds: [SQLiteData]) throws -> [PortableRow]? {
        let connection = try take()
        do {
            let rows = try connection.rows(sql, binds)
            give(back: connection, served: rows != nil)
            return rows
        } catch {
            // A connection that failed mid-read is not trusted again.
            connection.close()
            throw error
        }
    }

    /// How many times the idle connections have had to parse `sql` again since they prepared it (for tests).
    func timesParsedAgain(_ sql: String) -> Int {
        lock.withLock { idle.reduce(0) { $0 + $1.timesParsedAgain(sql) } }
    }

    /// Closes every idle connection; a connection in use closes when it comes back.
    public func close() {
        let closing = lock.withLock { () -> [ReadConnection] in
            closed = true
            defer { idle = [] }
            return idle
        }
        for connection in closing { connection.close() }
    }

    private func take() throws -> ReadConnection {
        let reused = try lock.withLock { () throws -> ReadConnection? in
            guard !closed else { throw SQLiteReadError(code: SQLITE_MISUSE, message: "Lantern is shutting down: the store is closed") }
            return idle.popLast()
        }
        return try reused ?? ReadConnection(path: path)
    }

    private func give(back connection: ReadConnection, served: Bool) {
        let keep = lock.withLock { () -> Bool in
            if served { counts.served += 1 } else { counts.passedOn += 1 }
            guard !closed else { return false }
            idle.append(connection)
            return true
        }
        if !keep { connection.close() }
    }
}

/// SQLite's own words when a read here fails.
public struct SQLiteReadError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite read failed (\(code)): \(message)" }
}

/// One read connection and its prepared statements. Used by one thread at a
/// time (``SQLiteReadConnections`` hands it out), as SQLite's multi-thread mode requires.
private final class ReadConnection {
    private var handle: OpaquePointer?
    private var statements: [String: PreparedStatement] = [:]

    private struct PreparedStatement {
        let handle: OpaquePointer
        let columns: ReadColumns
    }

    init(path: String) throws {
        // Read-write without create, made read-only by `query_only`: a
        // connection opened read-only cannot always set up the log's shared index.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK else {
            let error = failure(opened)
            close()
            throw error
        }
        let setUp = sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil)
        guard setUp == SQLITE_OK else {
            let error = failure(setUp)
            close()
            throw error
        }
    }

    /// The rows, or nil when SQLite is busy.
    func rows(_ sql: String, _ binds: [SQLiteData]) throws -> [PortableRow]? {
        guard let statement = try prepared(sql) else { return nil }
        // Reset even on failure: a statement left mid-read keeps its snapshot
        // open, so later reads would not see new commits and checkpoints would stall.
        defer { sqlite_nio_sqlite3_reset(statement.handle) }
        // Every parameter is bound afresh, any without a value to null, rather
        // than cleared after use: clearing expires a statement with a join's
        // plan that depends on its values, and it was parsed again on every read.
        for (offset, value) in binds.enumerated() {
            try check(bind(value, at: Int32(offset + 1), in: statement.handle))
        }
        let parameters = sqlite_nio_sqlite3_bind_parameter_count(statement.handle)
        if parameters > Int32(binds.count) {
            for position in (Int32(binds.count) + 1)...parameters {
                try check(sqlite_nio_sqlite3_bind_null(statement.handle, position))
            }
        }
        var rows: [PortableRow] = []
        let width = Int32(statement.columns.names.count)
        while true {
            let step = sqlite_nio_sqlite3_step(statement.handle)
            if step == SQLITE_DONE { return rows }
            if step == SQLITE_BUSY || step == SQLITE_LOCKED { return nil }
            guard step == SQLITE_ROW else { throw failure(step) }
            var cells: [SQLiteData] = []
            cells.reserveCapacity(Int(width))
            for column in 0..<width { cells.append(cell(statement.handle, column)) }
            rows.append(PortableRow(columns: statement.columns, cells: cells))
        }
    }

    func timesParsedAgain(_ sql: String) -> Int {
        guard let statement = statements[sql] else { return 0 }
        return Int(sqlite_nio_sqlite3_stmt_status(statement.handle, SQLITE_STMTSTATUS_REPREPARE, 0))
    }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    private func prepared(_ sql: String) throws -> PreparedStatement? {
        if let known = statements[sql] { return known }
        var made: OpaquePointer?
        let result = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &made, nil)
        if result == SQLITE_BUSY || result == SQLITE_LOCKED { return nil }
        guard result == SQLITE_OK, let made else { throw failure(result) }
        let count = sqlite_nio_sqlite3_column_count(made)
        let names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(made, $0)) }
        if statements.count >= SQLiteReadConnections.statementsKept {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            statements = [:]
        }
        let statement = PreparedStatement(handle: made, columns: ReadColumns(names))
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at position: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite_nio_sqlite3_bind_int64(statement, position, Int64(number))
        case .float(let number):
            return sqlite_nio_sqlite3_bind_double(statement, position, number)
        case .text(let text):
            return sqlite_nio_sqlite3_bind_text64(statement, position, text, UInt64(text.utf8.count), transientValue, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            return bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, position, $0.baseAddress, UInt64($0.count), transientValue)
            }
        case .null:
            return sqlite_nio_sqlite3_bind_null(statement, position)
        }
    }

    /// One cell as the driver would give it.
    private func cell(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // Text is read by its length, not up to a NUL, so a NUL inside it is kept.
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let start = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let start = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: start, count: count))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else { throw failure(result) }
    }

    private func failure(_ code: Int32) -> SQLiteReadError {
        let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "no message"
        return SQLiteReadError(code: code, message: message)
    }
}

/// SQLite copies a bound value before the call returns (`SQLITE_TRANSIENT`).
private let transientValue = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
