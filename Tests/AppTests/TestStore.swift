import App
import Fluent
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The databases storage tests run on: SQLite always, PostgreSQL when
/// `LANTERN_TEST_POSTGRES_URL` is set (CI starts a server and sets it).
enum TestStore: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestStore] {
        ProcessInfo.processInfo.environment["LANTERN_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }
}

/// Runs `body` with an app on a new, migrated, empty store of the given kind.
func withApp(_ store: TestStore, partnership: PartnershipDescription? = TestPartnership.description,
             configuration: (inout LanternConfiguration) -> Void = { _ in },
             _ body: (Application) async throws -> Void) async throws {
    var config = LanternConfiguration()
    configuration(&config)
    config.logLevel = ProcessInfo.processInfo.environment["LANTERN_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    switch store {
    case .sqlite:
        config.dataDirectory = scratch.path
    case .postgres:
        config.databaseURL = try await makePostgresDatabase()
    }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config)
        try await app.autoMigrate()
        if let partnership {
            try await PartnershipRepository(database: app.db as! any SQLDatabase).load(partnership, at: Date())
        }
        try await body(app)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// A new database on the test server for each test, so tests run in parallel.
func makePostgresDatabase() async throws -> String {
    let base = ProcessInfo.processInfo.environment["LANTERN_TEST_POSTGRES_URL"]!
    let name = "lantern_test_" + UUID().uuidString.prefix(8).lowercased()
    let admin = try await Application.make(.testing)
    do {
        admin.databases.use(try .postgres(url: base), as: .psql)
        try await (admin.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
        try await admin.asyncShutdown()
    } catch {
        try? await admin.asyncShutdown()
        throw error
    }
    var components = URLComponents(string: base)!
    components.path = "/" + name
    return components.string!
}

/// A small fictional partnership for tests: police and a council share under
/// one approved agreement; a charity has signed nothing in force.
enum TestPartnership {
    static let description = PartnershipDescription(
        name: "Test Partnership",
        partners: [
            Partner(slug: "test-police", name: "Test Police", kind: .police),
            Partner(slug: "test-council", name: "Test Council", kind: .council),
            Partner(slug: "test-charity", name: "Test Charity", kind: .charity),
        ],
        agreements: [
            Agreement(
                title: "Test ISP", owner: "test-council", status: .approved,
                inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!,
                reviewDue: CalendarDate(year: 2030, month: 1, day: 1)!,
                approvedBy: "Test Board", approvedOn: CalendarDate(year: 2019, month: 12, day: 1)!,
                flows: [
                    Flow(from: "test-police", to: ["test-council"],
                         categories: [.identity, .involvement, .crime, .asb, .domesticAbuse],
                         purposes: [.caseFinding, .holisticView], art6: .publicTask, art10: .preventingUnlawfulActs,
                         statutes: ["Crime and Disorder Act 1998 s115"], format: .centralController),
                    Flow(from: "test-council", to: ["test-police"], categories: [.identity, .housing],
                         purposes: [.caseFinding], art6: .publicTask, format: .centralController),
                ]),
            Agreement(
                title: "Charity draft", owner: "test-charity", status: .draft,
                inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!,
                reviewDue: CalendarDate(year: 2030, month: 1, day: 1)!,
                flows: [Flow(from: "test-charity", to: ["test-police"], categories: [.identity],
                             purposes: [.caseFinding], art6: .publicTask, format: .requestAndResponse)]),
        ])
}
