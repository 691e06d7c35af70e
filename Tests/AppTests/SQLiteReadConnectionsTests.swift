@testable import App
import FluentKit
import FluentSQLiteDriver
import Foundation
import PropertyBased
import SQLKit
@testable import Storage
import Testing
import Vapor

/// Lantern's own SQLite read connections (``SQLiteReadConnections``) answer
/// every prepared read as the driver does, see every commit, and are never
/// asked a read that must see a transaction's own writes.
@Suite struct SQLiteReadConnectionsTests {
    enum KindsRead: PreparedReadText {
        static let name = "test_read_kinds"
        static let postgresSQL = #"SELECT "k", "v", "k" AS "again" FROM "kinds" WHERE "k" = ANY($1) OR "k" = $2 ORDER BY "k""#
    }

    /// A stored value of every kind SQLite keeps, including text that needs care.
    static let cell = Gen.oneOf(
        Gen.letterOrNumber.string(of: 0...8).map { SQLiteData.text($0) },
        Gen.oneOf(Gen.always("é ✓ 𝄞"), Gen.always(""), Gen.always("'\"; --")).map { SQLiteData.text($0) },
        Gen.int(in: -1_000_000...1_000_000).map { SQLiteData.integer($0) },
        Gen.double(in: -1_000...1_000).map { SQLiteData.float($0) },
        Gen.always(SQLiteData.null),
        Gen.int(in: 0...255).array(of: 0...6).map { SQLiteData.blob(ByteBuffer(bytes: $0.map { UInt8($0) })) })

    @Test func everyStoredKindReadsAsTheDriverReadsIt() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let (plain, reading, readers) = try Self.databases(app)
            let sqlite = try #require(app.db as? any SQLiteDatabase)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            await propertyCheck(count: 120, input: Self.cell.array(of: 0...8), Gen.int(in: 0...9).array(of: 0...6)) { cells, asked in
                let round = UUID().uuidString
                let keys = cells.indices.map { "r\(round)-\($0)" }
                for (key, cell) in zip(keys, cells) { _ = try await sqlite.query("INSERT INTO kinds VALUES (?1, ?2)", [.text(key), cell]) }
                let wanted = asked.map { "r\(round)-\($0)" }
                let before = readers.served.here
                let theirs = try await plain.preparedRows(KindsRead.self, [wanted, "r\(round)-0"])
                let ours = try await reading.preparedRows(KindsRead.self, [wanted, "r\(round)-0"])
                #expect(readers.served.here == before + 1, "the read went the driver's way")
                #expect(ours.count == theirs.count)
                for (mine, driven) in zip(ours, theirs) {
                    let mine = try #require(mine as? PortableRow), driven = try #require(driven as? PortableRow)
                    #expect(mine.cells == driven.cells)
                    #expect(mine.allColumns == driven.allColumns)
                    #expect(try mine.decode(column: "again", as: String.self) == driven.decode(column: "k", as: String.self))
                }
            }
        }
    }

    @Test func aReadSeesEveryCommitBeforeItAndNothingUncommitted() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let (plain, reading, readers) = try Self.databases(app)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            @Sendable func keys(_ database: any SQLDatabase) async throws -> [String] {
                try await database.preparedRows(KindsRead.self, [["a", "b", "c"], "a"]).map { try $0.decode(column: "k", as: String.self) }
            }
            #expect(try await keys(reading) == [])
            try await plain.raw("INSERT INTO kinds VALUES ('a', 1)").run()
            // The first read's statement was reset: its snapshot is not kept.
            #expect(try await keys(reading) == ["a"])
            try await app.db.transaction { transaction in
                let inside = try #require(transaction as? any SQLDatabase)
                try await inside.raw("INSERT INTO kinds VALUES ('b', 2)").run()
                let servedBefore = readers.served.here
                // The transaction reads its own write, through its own connection.
                #expect(try await keys(SQLiteReadingDatabase.wrapping(inside, readers: nil)) == ["a", "b"])
                #expect(try await keys(inside) == ["a", "b"])
                #expect(readers.served.here == servedBefore)
                // Outside it, the write is not seen until it commits.
                #expect(try await keys(reading) == ["a"])
            }
            #expect(try await keys(reading) == ["a", "b"])
        }
    }

    @Test(arguments: TestStore.available) func aRequestsDatabaseReadsHereOnSQLiteOnly(store: TestStore) async throws {
        try await withApp(store, partnership: nil) { app in
            #expect((app.sqliteReaders != nil) == (store == .sqlite))
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let sql = try request.sql()
            #expect((sql is SQLiteReadingDatabase) == (store == .sqlite))
        }
    }

    @Test func aBusyFileSendsTheReadTheDriversWay() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let (plain, _, _) = try Self.databases(app)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            try await plain.raw("INSERT INTO kinds VALUES ('a', 1)").run()
            // A file in rollback-journal mode, whose writer locks readers out
            // (the store's write-ahead log never does, short of recovery).
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-busy-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let holder = try await SQLiteConnection.open(storage: .file(path: path), logger: app.logger)
            _ = try await holder.query("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)", [])
            let busyReaders = SQLiteReadConnections(path: path)
            defer { busyReaders.close() }
            let text = #"SELECT "k" FROM "kinds""#
            #expect(try busyReaders.rows(text, [])?.count == 0)
            _ = try await holder.query("BEGIN EXCLUSIVE", [])
            _ = try await holder.query("INSERT INTO kinds VALUES ('b', 2)", [])
            #expect(try busyReaders.rows(text, []) == nil)
            #expect(busyReaders.served.passedOn == 1)
            // Through a request's database, the read is answered by the driver's connection instead.
            let reading = SQLiteReadingDatabase(base: plain, readers: busyReaders)
            let rows = try await reading.preparedRows(KindsRead.self, [["a", "b"], "none"])
            #expect(try rows.map { try $0.decode(column: "k", as: String.self) } == ["a"])
            _ = try await holder.query("COMMIT", [])
            try await holder.close()
            #expect(try busyReaders.rows(text, [])?.count == 1)
            #expect(busyReaders.served == (here: 2, passedOn: 2))
        }
    }

    @Test func manyListLengthsKeepAnsweringWithinTheStatementBound() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let (plain, reading, _) = try Self.databases(app)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            for number in 0..<200 { try await plain.raw("INSERT INTO kinds VALUES (\(bind: "k\(number)"), \(bind: number))").run() }
            // Each list length is its own statement text: more lengths than a connection keeps.
            for length in 1...(SQLiteReadConnections.statementsKept * 2) {
                let wanted = (0..<length).map { "k\($0)" }
                let rows = try await reading.preparedRows(KindsRead.self, [wanted, "none"])
                #expect(rows.count == length)
            }
        }
    }

    @Test func aFailedReadSaysWhatSQLiteSaid() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let readers = try #require(app.sqliteReaders)
            #expect(throws: SQLiteReadError.self) { try readers.rows("SELECT * FROM no_such_table", []) }
            // The read connections refuse writes.
            let (plain, _, _) = try Self.databases(app)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            #expect(throws: SQLiteReadError.self) { try readers.rows("INSERT INTO kinds VALUES ('x', 1)", []) }
            #expect(try readers.rows(#"SELECT "k" FROM "kinds""#, [])?.count == 0)
        }
    }

    enum JoinedRead: PreparedReadText {
        static let name = "test_read_joined"
        static let postgresSQL = #"SELECT "s"."k" AS "k", "u"."v" AS "v" FROM "kinds" AS "s" LEFT JOIN "kinds" AS "u" ON "u"."k" = "s"."v" WHERE "s"."k" = $1 LIMIT 1"#
    }

    @Test func aReadWithAJoinIsParsedOnceNotOnEveryUse() async throws {
        try await withApp(.sqlite, partnership: nil) { app in
            let (plain, reading, readers) = try Self.databases(app)
            try await plain.raw("CREATE TABLE kinds (k TEXT NOT NULL PRIMARY KEY, v)").run()
            for number in 0..<20 { try await plain.raw("INSERT INTO kinds VALUES (\(bind: "k\(number)"), \(bind: "k\(number + 1)"))").run() }
            for number in 0..<20 {
                let rows = try await reading.preparedRows(JoinedRead.self, ["k\(number)"])
                #expect(try rows.map { try $0.decode(column: "k", as: String.self) } == ["k\(number)"])
            }
            let text = try PortableReadText.cached(for: JoinedRead.self).sqlite(["k0"]).sql
            #expect(readers.served.here == 20)
            #expect(readers.timesParsedAgain(text) == 0)
        }
    }

    /// The store as SQL, the same wrapped for reading, and the read connections.
    static func databases(_ app: Application) throws -> (plain: any SQLDatabase, reading: any SQLDatabase, readers: SQLiteReadConnections) {
        let plain = try #require(app.db as? any SQLDatabase)
        let readers = try #require(app.sqliteReaders)
        return (plain, SQLiteReadingDatabase.wrapping(plain, readers: readers), readers)
    }
}
