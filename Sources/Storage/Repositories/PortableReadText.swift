import FluentSQLiteDriver
import Foundation
import SQLKit

/// A ``PreparedReadText``'s PostgreSQL text cut once into its literal runs and
/// its `$n` parameters, so a store without PostgreSQL's numbered parameters
/// (SQLite) can be given the same read with `?` binds.
///
/// Cutting the text character by character on every call cost a fifth of the
/// server's CPU on the SQLite panel pages; the cut depends only on the text,
/// so it is made once per read and kept (``cached(for:)``).
struct PortableReadText: Sendable {
    enum Part: Sendable, Equatable {
        case literal(String)
        /// `$n`, kept as written in case no value `n` is given.
        case value(Int, written: String)
        /// `= ANY($n)`: `IN (?, ?...)` when value `n` is a list; kept as written in case no value `n` is given.
        case anyOf(Int, written: String)
    }

    let parts: [Part]

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var parts: [Part] = []
        var literalStart = 0
        var index = 0
        func flushLiteral(upTo end: Int) {
            if end > literalStart { parts.append(.literal(String(decoding: bytes[literalStart..<end], as: UTF8.self))) }
        }
        /// The end of the run of ASCII digits from `start`.
        func digitsEnd(from start: Int) -> Int {
            var end = start
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            return end
        }
        let anyOpening = Array("= ANY($".utf8)
        while index < bytes.count {
            // Every marker is ASCII, and no byte of a longer UTF-8 letter is, so bytes can be matched directly.
            if bytes[index] == anyOpening[0], bytes[index...].starts(with: anyOpening) {
                let digitsStart = index + anyOpening.count
                let end = digitsEnd(from: digitsStart)
                if end < bytes.count, bytes[end] == UInt8(ascii: ")"), let number = Int(String(decoding: bytes[digitsStart..<end], as: UTF8.self)) {
                    flushLiteral(upTo: index)
                    parts.append(.anyOf(number, written: String(decoding: bytes[index...end], as: UTF8.self)))
                    index = end + 1
                    literalStart = index
                    continue
                }
            }
            if bytes[index] == UInt8(ascii: "$") {
                let end = digitsEnd(from: index + 1)
                if let number = Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) {
                    flushLiteral(upTo: index)
                    parts.append(.value(number, written: String(decoding: bytes[index..<end], as: UTF8.self)))
                    index = end
                    literalStart = index
                    continue
                }
            }
            index += 1
        }
        flushLiteral(upTo: bytes.count)
        self.parts = parts
    }

    /// The query with `values[n - 1]` bound for each `$n` (repeats bound
    /// again), each `= ANY($n)` of a list as `IN (?, ?...)`, and any `$n`
    /// without a value left as written.
    func query(_ values: [any PreparedValue]) -> SQLQueryString {
        var query = SQLQueryString("")
        var literal = ""
        pieces(values) { piece in
            switch piece {
            case .text(let text):
                literal += text
            case .value(let value):
                query.appendLiteral(literal)
                literal = ""
                query.appendInterpolation(bind: value)
            case .list(let items):
                query.appendLiteral(literal)
                literal = ""
                query.appendInterpolation(SQLBind.group(items))
            }
        }
        query.appendLiteral(literal)
        return query
    }

    /// The same read as ``query(_:)`` written straight for SQLite: its text
    /// with `?1`, `?2`... and the values as SQLite takes them, as SQLKit's
    /// serialiser and SQLite's encoder would give them, without their
    /// per-value `Encodable` round trip.
    func sqlite(_ values: [any PreparedValue]) throws -> (sql: String, binds: [SQLiteData]) {
        var sql = ""
        var binds: [SQLiteData] = []
        func bind(_ value: any Encodable & Sendable) throws {
            if let id = value as? UUID {
                binds.append(.text(UUIDText.text(id)))
            } else if let plain = (value as? any SQLiteDataConvertible)?.sqliteData {
                binds.append(plain)
            } else {
                binds.append(try SQLiteDataEncoder().encode(value))
            }
            sql += "?\(binds.count)"
        }
        try pieces(values) { piece in
            switch piece {
            case .text(let text):
                sql += text
            case .value(let value):
                try bind(value)
            case .list(let items):
                sql += "("
                for (position, item) in items.enumerated() {
                    if position > 0 { sql += ", " }
                    try bind(item)
                }
                sql += ")"
            }
        }
        return (sql, binds)
    }

    /// What the read says with `values` in place, in order: text, one bound value, or a list bound as `(?, ?...)`.
    private enum Piece {
        case text(String)
        case value(any Encodable & Sendable)
        case list([any Encodable & Sendable])
    }

    private func pieces(_ values: [any PreparedValue], _ take: (Piece) throws -> Void) rethrows {
        func value(_ number: Int) -> (any PreparedValue)? { values.indices.contains(number - 1) ? values[number - 1] : nil }
        for part in parts {
            switch part {
            case .literal(let text):
                try take(.text(text))
            case .value(let number, let written):
                try take(value(number).map { .value($0) } ?? .text(written))
            case .anyOf(let number, let written):
                if let list = (value(number) as? any PreparedList)?.items {
                    try take(.text("IN "))
                    try take(.list(list))
                } else if let bound = value(number) {
                    try take(.text("= ANY("))
                    try take(.value(bound))
                    try take(.text(")"))
                } else {
                    try take(.text(written))
                }
            }
        }
    }

    private static let cuts = CutShelf()

    /// `Text`'s cut, made on its first use.
    static func cached<Text: PreparedReadText>(for text: Text.Type) -> PortableReadText {
        cuts.cut(for: ObjectIdentifier(text)) { PortableReadText(Text.postgresSQL) }
    }
}

/// The cuts made so far, one per read, shared by every request.
private final class CutShelf: @unchecked Sendable {
    private let lock = NSLock()
    private var cuts: [ObjectIdentifier: PortableReadText] = [:]

    func cut(for key: ObjectIdentifier, making make: () -> PortableReadText) -> PortableReadText {
        if let known = lock.withLock({ cuts[key] }) { return known }
        let made = make()
        lock.withLock { cuts[key] = made }
        return made
    }
}
