import FluentSQLiteDriver
import Foundation
import PropertyBased
import SQLKit
@testable import Storage
import Testing

/// A prepared read's PostgreSQL text, cut once (``PortableReadText``), asks
/// SQLite the same thing as reading the text afresh on every call did.
@Suite struct PortableReadTextTests {
    static let fragments = Gen.oneOf(
        Gen.always("$1"), Gen.always("$2"), Gen.always("$3"), Gen.always("$9"), Gen.always("$01"), Gen.always("$"), Gen.always("$x"),
        Gen.always("= ANY($1)"), Gen.always("= ANY($2)"), Gen.always("= ANY($4)"), Gen.always("= ANY($1"), Gen.always("= ANY(x)"),
        Gen.always("= ANY($)"), Gen.always("= ANY"), Gen.always("'é ✓'"), Gen.always(" = "), Gen.letterOrNumber.string(of: 0...6))

    /// A bound value of each kind a read sends: text, number, flag and lists.
    static let value = Gen.oneOf(
        Gen.letterOrNumber.string(of: 0...4).map { $0 as any PreparedValue }, Gen.int(in: -5...5).map { Int64($0) as any PreparedValue },
        Gen.bool.map { $0 as any PreparedValue }, Gen.letterOrNumber.string(of: 1...3).array(of: 0...3).map { $0 as any PreparedValue })

    @Test func theCutReadsEveryTextAsAPlainCharacterByCharacterReadingDoes() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            await propertyCheck(count: 400, input: Self.fragments.array(of: 0...12), Self.value.array(of: 0...3)) { parts, values in
                let text = parts.joined()
                let cut = Self.serialised(PortableReadText(text).query(values), on: sql)
                let plain = Self.serialised(Self.plainReading(text, values), on: sql)
                #expect(cut.sql == plain.sql, "\(text)")
                #expect(cut.binds == plain.binds, "\(text)")
            }
        }
    }

    @Test func listsRepeatsAndMissingValuesAreBoundAsTheTextSays() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let text = #"SELECT "n" FROM "t" WHERE ("n" = ANY($1) OR "n" = $2) AND $2 = $2 AND '$7' <> 'é'"#
            let query = Self.serialised(PortableReadText(text).query([["a", "b"], "c"]), on: sql)
            #expect(query.sql == #"SELECT "n" FROM "t" WHERE ("n" IN (?1, ?2) OR "n" = ?3) AND ?4 = ?5 AND '$7' <> 'é'"#)
            #expect(query.binds == ["a", "b", "c", "c", "c"])
            // Read through a real store: the cut is the one prepared reads use on SQLite.
            try await sql.raw("CREATE TABLE t (n TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO t VALUES ('a'), ('b'), ('c'), ('d')").run()
            let rows = try await sql.preparedRows(ListRead.self, [["a", "d", "zz"], "c"])
            #expect(rows.allSatisfy { $0 is PortableRow })
            #expect(try rows.map { try $0.decode(column: "n", as: String.self) } == ["a", "c", "d"])
            #expect(PortableReadText.cached(for: ListRead.self).parts == PortableReadText(ListRead.postgresSQL).parts)
        }
    }

    @Test func theSQLiteTextAndBindsAreWhatSQLKitWouldSend() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let ids = Gen.int(in: 0...3).map { _ in UUID() as any PreparedValue }
            await propertyCheck(count: 300, input: Self.fragments.array(of: 0...12), Gen.oneOf(Self.value, ids).array(of: 0...3)) { parts, values in
                let text = parts.joined()
                let direct = try PortableReadText(text).sqlite(values)
                var serializer = SQLSerializer(database: sql)
                Self.plainReading(text, values).serialize(to: &serializer)
                #expect(direct.sql == serializer.sql, "\(text)")
                #expect(direct.binds == (try serializer.binds.map { try SQLiteDataEncoder().encode($0) }), "\(text)")
            }
        }
    }

    @Test func uuidTextReadsAndWritesAsFoundationDoes() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...35), Gen.oneOf(Gen.always("0"), Gen.always("f"), Gen.always("F"), Gen.always("g"),
                                                                        Gen.always("-"), Gen.always("é"), Gen.always(""), Gen.always("00")),
                            Gen.int(in: 0...2)) { position, replacement, casing in
            let id = UUID()
            #expect(UUIDText.text(id) == id.uuidString)
            let written = [id.uuidString, id.uuidString.lowercased(), String(id.uuidString.enumerated().map { $0.offset % 3 == 0 ? Character($0.element.lowercased()) : $0.element })][casing]
            #expect(UUIDText.parse(written) == id)
            var spoiled = Array(written)
            spoiled.replaceSubrange(position...position, with: Array(replacement))
            // Where the short reading takes a text, Foundation reads it the same; a looser text is left to Foundation.
            if let mine = UUIDText.parse(String(spoiled)) { #expect(mine == UUID(uuidString: String(spoiled)), "\(String(spoiled))") }
            if UUID(uuidString: String(spoiled)) == nil { #expect(UUIDText.parse(String(spoiled)) == nil) }
        }
        #expect(UUIDText.parse("") == nil)
        #expect(UUIDText.parse("{\(UUID().uuidString)}") == nil)
    }

    @Test func theRowReaderAnswersAsTheGeneralReaderForEveryStoredKind() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let sqlite = try #require(app.db as? any SQLiteDatabase)
            let id = UUID()
            try await sql.raw("""
                CREATE TABLE kinds (k TEXT NOT NULL, v)
                """).run()
            let stored: [(String, SQLiteData)] = [
                ("upper", .text(id.uuidString)), ("lower", .text(id.uuidString.lowercased())), ("text", .text("hello")), ("number text", .text("42")),
                ("empty", .text("")), ("integer", .integer(7)), ("zero", .integer(0)), ("float", .float(2.5)), ("null", .null),
                ("blob", .blob(ByteBuffer(bytes: withUnsafeBytes(of: id.uuid) { Array($0) }))),
            ]
            for (key, value) in stored { _ = try await sqlite.query("INSERT INTO kinds VALUES (?1, ?2)", [.text(key), value]) }
            let rows = try await sqlite.query("SELECT k, v FROM kinds ORDER BY k", [])
            #expect(rows.count == stored.count)
            func same<T: Decodable & Equatable>(_ type: T.Type, _ fast: PortableRow, _ general: any SQLRow, _ key: String) {
                let mine = Result { try fast.decode(column: "v", as: T.self) }, theirs = Result { try general.decode(column: "v", as: T.self) }
                switch (mine, theirs) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(key) as \(T.self)")
                case (.failure, .failure): break
                default: Issue.record("\(key) as \(T.self): \(mine) against \(theirs)")
                }
            }
            for (row, fast) in zip(rows, PortableRow.rows(rows)) {
                let general = row.sql()
                let key = try general.decode(column: "k", as: String.self)
                same(String.self, fast, general, key); same(String?.self, fast, general, key)
                same(UUID.self, fast, general, key); same(UUID?.self, fast, general, key)
                same(Int.self, fast, general, key); same(Int?.self, fast, general, key)
                same(Int64.self, fast, general, key); same(Int64?.self, fast, general, key)
                same(Bool.self, fast, general, key); same(Double?.self, fast, general, key); same(Date?.self, fast, general, key)
                #expect(try fast.decodeNil(column: "v") == general.decodeNil(column: "v"), "\(key)")
                #expect(try fast.decodeNil(column: "missing") == general.decodeNil(column: "missing"))
                #expect(fast.contains(column: "v") && !fast.contains(column: "missing") && fast.allColumns == general.allColumns)
                #expect(throws: (any Error).self) { try fast.decode(column: "missing", as: String.self) }
            }
        }
    }

    enum ListRead: PreparedReadText {
        static let name = "test_portable_list"
        static let postgresSQL = #"SELECT "n" FROM "t" WHERE "n" = ANY($1) OR "n" = $2 ORDER BY "n""#
    }

    static func serialised(_ query: SQLQueryString, on database: any SQLDatabase) -> (sql: String, binds: [String]) {
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        return (serializer.sql, serializer.binds.map { String(describing: $0) })
    }

    /// The obvious reading: walk the text a character at a time, binding each
    /// `$n` that has a value and turning `= ANY($n)` of a list into `IN (...)`.
    static func plainReading(_ text: String, _ values: [any PreparedValue]) -> SQLQueryString {
        var query = SQLQueryString("")
        var literal = ""
        var index = text.startIndex
        func value(_ digits: Substring) -> (any PreparedValue)? {
            guard let number = Int(digits), number >= 1, number <= values.count else { return nil }
            return values[number - 1]
        }
        while index < text.endIndex {
            if text[index...].hasPrefix("= ANY($") {
                let after = text.index(index, offsetBy: 7)
                let digits = text[after...].prefix { $0.isASCII && $0.isNumber }
                if let list = (value(digits) as? any PreparedList)?.items, digits.endIndex < text.endIndex, text[digits.endIndex] == ")" {
                    query.appendLiteral(literal + "IN ")
                    literal = ""
                    query.appendInterpolation(SQLBind.group(list))
                    index = text.index(after: digits.endIndex)
                    continue
                }
            }
            let digits = text[text.index(after: index)...].prefix { $0.isASCII && $0.isNumber }
            if text[index] == "$", let bound = value(digits) {
                query.appendLiteral(literal)
                literal = ""
                query.appendInterpolation(bind: bound)
                index = digits.endIndex
            } else {
                literal.append(text[index])
                index = text.index(after: index)
            }
        }
        query.appendLiteral(literal)
        return query
    }
}
