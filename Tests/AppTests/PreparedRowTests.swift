import Foundation
import SQLKit
@testable import Storage
import Testing

/// A prepared read's rows (``PreparedRow``) give the same values as the
/// driver's general row reader, for every column type and for nulls.
@Suite struct PreparedRowTests {
    enum AllKinds: PreparedReadText {
        static let name = "test_all_kinds"
        static let postgresSQL = "SELECT s, u, i, b, d, mood, n FROM prepared_row_kinds WHERE s = ANY($1) ORDER BY s"
    }

    @Test func preparedRowsReadEveryKindAsTheGeneralReaderDoes() async throws {
        guard TestStore.available.contains(.postgres) else { return }
        try await withApp(.postgres, partnership: nil) { app in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TYPE prepared_row_mood AS ENUM ('calm', 'busy')").run()
            try await sql.raw("""
                CREATE TABLE prepared_row_kinds (s TEXT NOT NULL, u UUID, i BIGINT, b BOOLEAN, d TIMESTAMPTZ,
                                                 mood prepared_row_mood, n INTEGER)
                """).run()
            let id = UUID()
            let when = Date(timeIntervalSince1970: 1_780_000_000.25)
            try await sql.raw("""
                INSERT INTO prepared_row_kinds VALUES (\(bind: "a"), \(bind: id), \(bind: 42), \(bind: true), \(bind: when), 'busy', 7),
                                                      (\(bind: "b"), NULL, NULL, NULL, NULL, NULL, NULL)
                """).run()
            let prepared = try await sql.preparedRows(AllKinds.self, [["a", "b"]])
            let general = try await sql.raw("SELECT s, u, i, b, d, mood, n FROM prepared_row_kinds ORDER BY s").all()
            #expect(prepared.count == 2)
            #expect(prepared.first is PreparedRow)
            for (fast, slow) in zip(prepared, general) {
                #expect(fast.allColumns == slow.allColumns)
                #expect(try fast.decode(column: "s", as: String.self) == slow.decode(column: "s", as: String.self))
                #expect(try fast.decode(column: "u", as: UUID?.self) == slow.decode(column: "u", as: UUID?.self))
                #expect(try fast.decode(column: "i", as: Int?.self) == slow.decode(column: "i", as: Int?.self))
                #expect(try fast.decode(column: "i", as: Int64?.self) == slow.decode(column: "i", as: Int64?.self))
                #expect(try fast.decode(column: "b", as: Bool?.self) == slow.decode(column: "b", as: Bool?.self))
                #expect(try fast.decode(column: "d", as: Date?.self) == slow.decode(column: "d", as: Date?.self))
                #expect(try fast.decode(column: "n", as: Int?.self) == slow.decode(column: "n", as: Int?.self))
                // A user-defined type goes to the general reader, which reads it as text.
                #expect(try fast.decode(column: "mood", as: String?.self) == slow.decode(column: "mood", as: String?.self))
                #expect(try fast.decodeNil(column: "u") == slow.decodeNil(column: "u"))
                #expect(try fast.decodeNil(column: "missing") == slow.decodeNil(column: "missing"))
            }
            let first = try #require(prepared.first)
            #expect(try first.decode(column: "u", as: UUID.self) == id)
            #expect(try first.decode(column: "mood", as: String.self) == "busy")
            #expect(try first.decode(column: "d", as: Date.self) == when)
            // Errors are the general reader's: a null read as a value, a column that is not there.
            let second = try #require(prepared.last)
            #expect(throws: (any Error).self) { try second.decode(column: "i", as: Int.self) }
            #expect(throws: (any Error).self) { try first.decode(column: "missing", as: String.self) }
        }
    }
}
