import FluentSQLiteDriver
import Foundation
import SQLKit

/// A row of a prepared read on SQLite, read the short way for the plain
/// column types Lantern stores there (text, uuid as text, integers).
///
/// The general reader decodes every cell through `Decodable`, and on Linux
/// Foundation reads a UUID's text with `sscanf`; a page reads dozens of ids.
/// Here a cell whose stored kind matches the type asked for is read directly;
/// anything else (and every error) goes to the general reader, so the
/// answers are the same.
struct PortableRow: SQLRow {
    let columns: ReadColumns
    let cells: [SQLiteData]

    /// The rows the driver gave, their column names read once.
    static func rows(_ driven: [SQLiteRow]) -> [PortableRow] {
        guard let first = driven.first else { return [] }
        let columns = ReadColumns(first.columns.map(\.name))
        return driven.map { PortableRow(columns: columns, cells: $0.columns.map(\.data)) }
    }

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let at = columns.index[column] else { return true }
        if case .null = cells[at] { return true }
        return false
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let at = columns.index[column] else { throw MissingReadColumn(column: column) }
        let cell = cells[at]
        if let plain = D.self as? any PlainSQLiteCell.Type, case .read(let value) = plain.read(cell), let value = value as? D {
            return value
        }
        return try SQLiteDataDecoder().decode(D.self, from: cell)
    }
}

/// The column names of one read's rows, looked up by name; shared by all its rows.
final class ReadColumns: Sendable {
    let names: [String]
    /// The first column of each name, as the driver's rows answer.
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A read asked for a column its rows do not have.
struct MissingReadColumn: Error, CustomStringConvertible {
    let column: String
    var description: String { "the read has no column \(column)" }
}

/// The types ``PortableRow`` reads itself.
private protocol PlainSQLiteCell {
    static func read(_ cell: SQLiteData) -> PlainRead
}

/// A value read, or the general reader to decide (another stored kind, text
/// that is not plainly a UUID). Not an optional: a null read as an optional
/// type is a value, and `nil` would be ambiguous.
private enum PlainRead {
    case read(Any)
    case askGeneralReader
}

extension PlainSQLiteCell {
    /// Each type from its one stored kind; any other kind goes to the general reader.
    fileprivate static func read(_ cell: SQLiteData) -> PlainRead {
        switch (cell, Self.self) {
        case (.text(let text), is String.Type): .read(text)
        case (.text(let text), is UUID.Type): UUIDText.parse(text).map { .read($0) } ?? .askGeneralReader
        case (.integer(let number), is Int.Type): .read(number)
        case (.integer(let number), is Int64.Type): .read(Int64(number))
        default: .askGeneralReader
        }
    }
}

extension String: PlainSQLiteCell {}
extension UUID: PlainSQLiteCell {}
extension Int: PlainSQLiteCell {}
extension Int64: PlainSQLiteCell {}

extension Optional: PlainSQLiteCell where Wrapped: PlainSQLiteCell {
    fileprivate static func read(_ cell: SQLiteData) -> PlainRead {
        if case .null = cell { return .read(Wrapped?.none as Any) }
        guard case .read(let value) = Wrapped.read(cell), let wrapped = value as? Wrapped else { return .askGeneralReader }
        return .read(Wrapped?.some(wrapped) as Any)
    }
}

/// A UUID's usual text (`8-4-4-4-12` hexadecimal digits), read and written
/// without Foundation's `sscanf` and `sprintf`. Writing gives `uuidString`;
/// reading takes only that exact shape (either case), where it agrees with
/// `UUID(uuidString:)`, and leaves anything looser to Foundation.
enum UUIDText {
    /// The UUID `text` spells, upper or lower case; nil for anything else.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var index = 0
            let ok = withUnsafeMutableBytes(of: &value) { out -> Bool in
                for byte in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                    out[byte] = high << 4 | low
                    index += 2
                }
                return true
            }
            return ok ? UUID(uuid: value) : nil
        }
    }

    /// `id.uuidString`: upper-case digits.
    static func text(_ id: UUID) -> String {
        let digits: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: id.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var index = 0
                for byte in 0..<16 {
                    if byte == 4 || byte == 6 || byte == 8 || byte == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = digits.utf8Start[Int(raw[byte] >> 4)]
                    out[index + 1] = digits.utf8Start[Int(raw[byte] & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
