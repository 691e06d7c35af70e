import FluentPostgresDriver
import Foundation
import SQLKit

/// A row of a prepared read on PostgreSQL, read the short way for the plain
/// column types Lantern stores (text, uuid, integers, booleans, timestamps).
///
/// The driver's general row reader builds a coding path string and looks up
/// protocol conformances for every cell it reads; across a page's rows that
/// was a fifteenth of the server's time under load. The cell decoding is the
/// driver's own; anything else (and every error) goes to the general reader,
/// so the answers are the same.
struct PreparedRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        self.cells = row.makeRandomAccess()
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        !cells.contains(column) || cells[column].bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        if cells.contains(column) {
            let cell = cells[column]
            if !cell.dataType.isUserDefined, let plain = D.self as? any PlainCell.Type,
               let value = try? plain.read(cell) as? D {
                return value
            }
        }
        return try row.sql().decode(column: column, as: D.self)
    }
}

/// The column types ``PreparedRow`` reads itself: those the driver decodes
/// from a cell with no conversion of Lantern's own.
private protocol PlainCell {
    static func read(_ cell: PostgresCell) throws -> Any
}

extension PlainCell where Self: PostgresDecodable {
    fileprivate static func read(_ cell: PostgresCell) throws -> Any { try cell.decode(Self.self) }
}

extension String: PlainCell {}
extension UUID: PlainCell {}
extension Int: PlainCell {}
extension Int64: PlainCell {}
extension Bool: PlainCell {}
extension Date: PlainCell {}
extension Optional: PlainCell where Wrapped: PlainCell {
    fileprivate static func read(_ cell: PostgresCell) throws -> Any {
        guard cell.bytes != nil else { return Wrapped?.none as Any }
        return try Wrapped.read(cell) as? Wrapped as Any
    }
}
