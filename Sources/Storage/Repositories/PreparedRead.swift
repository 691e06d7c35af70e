import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Foundation

/// The text of a read that every signed-in page makes, written once for
/// PostgreSQL with numbered parameters. PostgreSQL parses and plans an
/// ordinary statement afresh each time; for these few reads that planning
/// cost more than running them, so on PostgreSQL each connection prepares
/// them once and reuses the plan. On SQLite the same text runs with `?n`
/// binds (``PortableReadText``), its rows read by ``PortableRow``.
protocol PreparedReadText: Sendable {
    /// Unique per read: PostgreSQL keeps prepared statements by name on each connection.
    static var name: String { get }
    static var postgresSQL: String { get }
}

/// One execution of a ``PreparedReadText`` with its parameters in order.
private struct PreparedRead<Text: PreparedReadText>: PostgresPreparedStatement {
    static var name: String { "lantern_" + Text.name }
    static var sql: String { Text.postgresSQL }
    typealias Row = PostgresRow

    var bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// A value a prepared read binds: one both PostgreSQL's driver and the portable query can send.
protocol PreparedValue: PostgresThrowingDynamicTypeEncodable, Encodable, Sendable {}
extension String: PreparedValue {}
extension UUID: PreparedValue {}
extension Bool: PreparedValue {}
extension Int64: PreparedValue {}
/// A list, written `column = ANY($n)`: PostgreSQL binds it as one array (so
/// one prepared text serves any length); other stores get `column IN (?, ?...)`.
extension Array: PreparedValue where Element: PreparedListElement {}
protocol PreparedListElement: PostgresArrayEncodable, Encodable, Sendable {}
extension String: PreparedListElement {}
extension UUID: PreparedListElement {}
extension Int64: PreparedListElement {}

/// What the portable query needs of a list: its items, each bound on its own.
protocol PreparedList { var items: [any Encodable & Sendable] { get } }
extension Array: PreparedList where Element: PreparedListElement {
    var items: [any Encodable & Sendable] { map { $0 } }
}

extension SQLDatabase {
    /// The rows of `Text` with `values` as its `$1`, `$2`...: on PostgreSQL
    /// prepared once per connection; on SQLite the same text, cut once, from
    /// Lantern's own read connections outside a transaction
    /// (``SQLiteReadingDatabase``) and straight through SQLite's driver within one; on any other store through SQLKit,
    /// each `$n` sent as a bound value.
    func preparedRows<Text: PreparedReadText>(_ text: Text.Type, _ values: [any PreparedValue]) async throws -> [any SQLRow] {
        guard let postgres = self as? any PostgresDatabase else {
            let reading = self as? SQLiteReadingDatabase
            if let sqlite = (reading?.base ?? self) as? any SQLiteDatabase {
                let (text, binds) = try PortableReadText.cached(for: Text.self).sqlite(values)
                if let rows = try reading?.readers.rows(text, binds) { return rows }
                return PortableRow.rows(try await sqlite.query(text, binds))
            }
            return try await raw(PortableReadText.cached(for: Text.self).query(values)).all()
        }
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        let statement = PreparedRead<Text>(bindings: bindings)
        let logger = self.logger
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
        return rows.map { PreparedRow($0) }
    }
}
