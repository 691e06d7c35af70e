import ArgumentParser
import Foundation
import Storage
import Vapor

/// `lantern bench pages`: the panel pages (the agenda on `/panels`, a
/// meeting, a case) under concurrent signed-in users, over real HTTP and real
/// sessions. Without `--url` it loads a demo store (SQLite in a scratch
/// folder, or the PostgreSQL of `DATABASE_URL`) and serves it on a free
/// loopback port in this process; with `--url` it drives a running
/// `lantern demo` or `lantern serve` that has the demo accounts.
struct PagesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pages", abstract: "Panel pages' p50/p95/p99 under concurrent signed-in users.")

    @ArgumentParser.Option(help: "A running Lantern with the demo accounts (e.g. http://127.0.0.1:8080); without it the bench serves a demo itself.")
    var url: String?
    @ArgumentParser.Option(help: "Concurrent users, each with its own session.") var users = 50
    @ArgumentParser.Option(help: "Requests per page kind.") var requests = 1_000
    @ArgumentParser.Option(help: "Milliseconds a user waits between requests, ±50% (0: back to back, the harshest reading).") var think = 0
    @ArgumentParser.Option(help: "Fictional people in the demo the bench loads (without --url).") var people = 20_000
    @ArgumentParser.Option(help: "Keep the SQLite demo store in this folder and reuse it on later runs, skipping the load (without it, a scratch folder).")
    var data: String?
    @ArgumentParser.Option(help: "Accounts that sign in, in turn (panel staff and meeting attendees of the demo).")
    var accounts = "chair,coordinator,idva,officer,practitioner"

    func validate() throws {
        guard users > 0, requests > 0, think >= 0 else { throw ValidationError("--users and --requests must be positive, --think not negative") }
        if let url, URL(string: url)?.host == nil { throw ValidationError("--url must be a full address such as http://127.0.0.1:8080") }
    }

    func run() async throws {
        let usernames = accounts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let load = PageLoad(users: users, requests: requests, usernames: usernames, password: DemoAccounts.password, thinkMilliseconds: think)
        if let url {
            let app = try await Application.make(.production)
            do {
                PageLoad.prepareClient(app)
                try await load.drive(base: url.hasSuffix("/") ? String(url.dropLast()) : url, app: app, store: "the server at \(url)",
                                    storeServedHere: false)
                try await app.asyncShutdown()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            return
        }
        var config = LanternConfiguration.fromEnvironment()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-pages-\(UUID().uuidString)")
        defer { if data == nil { try? FileManager.default.removeItem(at: scratch) } }
        if config.databaseURL == nil {
            config.dataDirectory = data ?? scratch.path
            config.sqliteFile = "demo.sqlite"
        }
        config.hostname = "127.0.0.1"
        config.port = 0
        config.logLevel = .warning
        let peopleCount = people
        try await AppRunner.withApp(config, serving: true) { app in
            try await app.autoMigrate()
            let sql = try AppRunner.sql(app)
            if try await !PartnershipRepository(database: sql).isInitialised() {
                print("Loading the demo (\(peopleCount) people) into \(config.storeDescription)...")
                try await DemoLoader(app: app, config: config).load(people: peopleCount, seed: 2026)
            }
            PageLoad.prepareClient(app)
            try await app.startup()
            guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "the server did not bind a port") }
            try await load.drive(base: "http://127.0.0.1:\(port)", app: app, store: config.storeDescription)
        }
    }
}
