import FluentSQLiteDriver
import Foundation
import SQLKit

/// A request's SQLite database, outside any transaction, whose
/// ``PreparedReadText`` reads go through ``SQLiteReadConnections``;
/// everything else goes to the database it wraps, unchanged.
///
/// Only the request's own database is wrapped: a transaction's database is
/// another value, so its reads, which must see its own uncommitted writes,
/// keep going through its connection.
public struct SQLiteReadingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let readers: SQLiteReadConnections

    /// Wraps `base` when it is SQLite; any other store is returned as it is.
    public static func wrapping(_ base: any SQLDatabase, readers: SQLiteReadConnections?) -> any SQLDatabase {
        guard let readers, base is any SQLiteDatabase else { return base }
        return SQLiteReadingDatabase(base: base, readers: readers)
    }

    public var logger: Logger { base.logger }
    public var eventLoop: any EventLoop { base.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { base.version }
    public var dialect: any SQLDialect { base.dialect }
    public var queryLogLevel: Logger.Level? { base.queryLogLevel }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }

    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }
}
