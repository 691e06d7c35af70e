@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// What every page rests on: a request's audit entries go to the ledger as
/// one batch before the response leaves, SQLite connections wait for the
/// writer instead of spinning or failing, and a session is written at most
/// once a minute however often it is used.
@Suite struct StorePlumbingTests {
    static func count(_ app: Application, _ table: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The entries written since `after` (a sequence number), oldest first.
    static func resources(_ app: Application, after: Int) async throws -> [String] {
        try await (app.db as! any SQLDatabase).select().column("resource").from("audit_entries")
            .where("sequence", .greaterThanOrEqual, after).orderBy("sequence").all()
            .map { try $0.decode(column: "resource", as: String.self) }
    }

    /// A route that records two entries, as a page does (the access decision, then the read), and may then refuse.
    static func addTwoEntryRoute(_ app: Application) {
        app.get("test-two-entries") { req async throws -> String in
            try await req.audit(.accessDecision, subject: "person:test", resource: "first", reason: "test")
            try await req.audit(.read, subject: "page:test", resource: "second", reason: "test")
            if req.query[String.self, at: "refuse"] != nil { throw Abort(.forbidden, reason: "test refusal") }
            return "shown"
        }
    }

    @Test(arguments: TestStore.available)
    func aRequestWritesItsEntriesAsOneBatchBeforeItAnswers(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            Self.addTwoEntryRoute(app)
            let heads = try await Self.count(app, "tree_heads")
            let entries = try await Self.count(app, "audit_entries")
            // act
            let response = try await app.testing().sendRequest(.GET, "/test-two-entries")
            // validate: both entries, in order, under one new signed head (one append)
            #expect(response.status == .ok)
            #expect(try await Self.count(app, "tree_heads") == heads + 1)
            #expect(try await Self.resources(app, after: entries) == ["first", "second"])
            let report = try await AuditRepository(database: app.db as! any SQLDatabase).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.isIntact)
        }
    }

    @Test(arguments: TestStore.available)
    func aRefusedRequestsEntriesAndItsRefusalGoInOneBatch(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            Self.addTwoEntryRoute(app)
            let heads = try await Self.count(app, "tree_heads")
            let entries = try await Self.count(app, "audit_entries")
            // act
            let response = try await app.testing().sendRequest(.GET, "/test-two-entries?refuse=1")
            // validate: what it read, and the refusal RefusalAudit adds, together
            #expect(response.status == .forbidden)
            #expect(try await Self.count(app, "tree_heads") == heads + 1)
            #expect(try await Self.resources(app, after: entries) == ["first", "second", "/test-two-entries"])
        }
    }

    @Test(arguments: TestStore.available)
    func aPersonPageWritesOneBatch(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe jane").first).personID
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let heads = try await Self.count(app, "tree_heads")
            let entries = try await Self.count(app, "audit_entries")
            // act
            let page = try await client.send(.GET, "/people/\(jane)")
            // validate
            #expect(page.status == .ok && page.headers.first(name: "X-Lantern-Access") != nil)
            #expect(try await Self.count(app, "tree_heads") == heads + 1)
            #expect(try await Self.resources(app, after: entries).contains { $0.hasPrefix("person-page") })
        }
    }

    /// Concurrent requests' batches all land, numbered without gaps, and the ledger verifies.
    @Test(arguments: TestStore.available)
    func concurrentRequestsAllLandInAnIntactLedger(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            Self.addTwoEntryRoute(app)
            let tester = try app.testing()
            _ = try await tester.sendRequest(.GET, "/health")
            let entries = try await Self.count(app, "audit_entries")
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<30 { group.addTask { try await tester.sendRequest(.GET, "/test-two-entries").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // validate
            #expect(statuses == Array(repeating: .ok, count: 30))
            #expect(try await Self.count(app, "audit_entries") == entries + 60)
            let report = try await AuditRepository(database: app.db as! any SQLDatabase).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.isIntact && report.entriesChecked == entries + 60)
        }
    }

    /// SQLite's own busy handler spins; every connection Lantern opens waits
    /// by sleeping instead, and the ledger's commits reach the disk.
    /// Only the commands that answer requests move Swift's tasks onto the event loops;
    /// linkage and the other benches keep every core for their task groups.
    @Test(arguments: [
        (["lantern", "serve"], true), (["lantern", "demo", "--port", "8080"], true),
        (["lantern", "bench", "pages", "--users", "50"], true), (["lantern", "bench", "link", "--people", "620000"], false),
        (["lantern", "link", "--records", "a.csv"], false), (["lantern", "import", "--partner", "x"], false), (["lantern"], false),
    ])
    func onlyServingCommandsRunTasksOnTheEventLoops(arguments: [String], serves: Bool) {
        #expect(LanternCommand.servesPages(arguments) == serves)
    }

    @Test func everySQLiteConnectionWaitsForTheWriterAndLedgerCommitsAreDurable() async throws {
        try await withApp(.sqlite) { app in
            // act
            var timeouts: [Int] = []
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase)
                timeouts.append(try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self) ?? 0)
            }
            let ledger = try #require(app.auditTrail.ledgerConnection)
            let settings = try await ledger.settings()
            // validate
            #expect(!timeouts.isEmpty && timeouts.allSatisfy { $0 == SQLiteConnections.busyTimeoutMilliseconds })
            #expect(settings.busyTimeout == SQLiteConnections.busyTimeoutMilliseconds)
            #expect(settings.synchronous == 2, "FULL: a ledger commit is on disk before the page it audits is sent")
        }
    }

    /// Pages touch the session's last-seen time, but the store is written only
    /// when it is a minute old, so the idle limit holds to within a minute.
    @Test(arguments: TestStore.available)
    func aSessionUsedOftenIsWrittenAtMostOnceAMinute(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let cookie = try #require(client.cookie)
            let now = Int64(Date().timeIntervalSince1970)
            try await StoredSessionTests.rewrite(app, cookie: cookie) { $0[SessionLifetime.seenKey] = String(now - 30) }
            // act: used 30 seconds after it was last written
            for _ in 0..<3 { #expect(try await client.send(.GET, "/people").status == .ok) }
            // validate: not written
            let unchanged = try #require(try await StoredSessionTests.stored(app, cookie: cookie))
            #expect(unchanged.seenAt == now - 30)
            #expect(unchanged.expiresAt == now - 30 + Int64(app.sessionLifetime.idle))
            // act: used 90 seconds after
            try await StoredSessionTests.rewrite(app, cookie: cookie) { $0[SessionLifetime.seenKey] = String(now - 90) }
            #expect(try await client.send(.GET, "/people").status == .ok)
            // validate: written, and the idle limit runs from now
            let touched = try #require(try await StoredSessionTests.stored(app, cookie: cookie))
            #expect(touched.seenAt >= now)
            #expect(touched.expiresAt >= now + Int64(app.sessionLifetime.idle))
        }
    }
}
