import ArgumentParser
import Fluent
import Foundation
import LanternDomain
import Storage
import Synthetic
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the web UI and API.")

    func run() async throws {
        let config = LanternConfiguration.fromEnvironment()
        try await AppRunner.withApp(config, serving: true) { app in
            try await app.autoMigrate()
            print("Lantern on http://\(config.hostname):\(config.port) (\(config.storeDescription))")
            await app.webhookDispatcher.start()
            await app.clockReminders.start()
            await app.retentionDailyRun.start(dataDirectory: config.dataDirectory)
            try await app.execute()
            await app.drainRequests()
            await app.clockReminders.stop()
            await app.retentionDailyRun.stop()
            await app.webhookDispatcher.stop()
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a store with a fictional partnership, demo accounts and ~20,000 people, then serve it.")

    @ArgumentParser.Option(help: "How many fictional people to generate.") var people = 20_000
    @ArgumentParser.Option(help: "Seed for the fictional data.") var seed: UInt64 = 2026
    @ArgumentParser.Flag(help: "Load the data and exit without serving (for checks and timing).") var noServe = false

    func run() async throws {
        var config = LanternConfiguration.fromEnvironment()
        if ProcessInfo.processInfo.environment["LANTERN_SQLITE_FILE"] == nil { config.sqliteFile = "demo.sqlite" }
        let clock = ContinuousClock()
        let started = clock.now
        try await AppRunner.withApp(config, serving: !noServe) { app in
            try await app.autoMigrate()
            let sql = try AppRunner.sql(app)
            if try await !PartnershipRepository(database: sql).isInitialised() {
                print("Creating the demo partnership in \(config.storeDescription)...")
                try await DemoLoader(app: app, config: config).load(people: people, seed: seed)
            }
            print("\nDemo accounts (password for all: \(DemoAccounts.password)):")
            for account in DemoAccounts.all {
                print("  \(account.username.padding(toLength: 14, withPad: " ", startingAt: 0)) \(account.description)")
            }
            let elapsed = clock.now - started
            print("\nReady in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))).")
            if !noServe {
                // Listening first, then the line scripts wait for (flushed: a pipe would buffer it).
                try await app.startup()
                await app.webhookDispatcher.start()
                await app.clockReminders.start()
                await app.retentionDailyRun.start(dataDirectory: config.dataDirectory)
                print("Open http://\(config.hostname):\(config.port) and sign in. Ctrl-C stops the server.")
                fflush(nil)
                try await app.running?.onStop.get()
                await app.drainRequests()
                await app.clockReminders.stop()
                await app.retentionDailyRun.stop()
                await app.webhookDispatcher.stop()
            }
        }
    }
}

/// The demo's accounts, one per kind of user in `domain.md`.
enum DemoAccounts {
    static let password = "lantern-demo"
    struct Account { var username, displayName, partner: String; var roles: [String]; var description: String }

    static let all: [Account] = [
        Account(username: "practitioner", displayName: "Priya Practitioner", partner: "harrowmere-childrens-services",
                roles: ["practitioner"], description: "social worker, children's social care"),
        Account(username: "officer", displayName: "Owen Officer", partner: "harrowmere-police",
                roles: ["practitioner"], description: "police officer"),
        Account(username: "analyst", displayName: "Ana Analyst", partner: "harrowmere-council",
                roles: ["analyst"], description: "partnership analyst (hub)"),
        Account(username: "chair", displayName: "Chidi Chair", partner: "harrowmere-police",
                roles: ["panel-chair"], description: "MARAC chair"),
        Account(username: "coordinator", displayName: "Cora Coordinator", partner: "harrowmere-council",
                roles: ["panel-chair"], description: "MARAC coordinator"),
        Account(username: "neighbour", displayName: "Nia Neighbour", partner: "harrowmere-council",
                roles: ["panel-chair"], description: "coordinator of the neighbouring Northmere MARAC"),
        Account(username: "idva", displayName: "Ida IDVA", partner: "harrowmere-da-service",
                roles: ["practitioner"], description: "independent domestic violence adviser"),
        Account(username: "dadpo", displayName: "Della Data", partner: "harrowmere-da-service",
                roles: ["dpo"], description: "data protection officer, domestic abuse service: answers disclosure requests"),
        Account(username: "fire", displayName: "Finn Fire", partner: "harrowmere-fire",
                roles: ["practitioner"], description: "fire safety officer (not a MARAC signatory)"),
        Account(username: "records", displayName: "Rhea Records", partner: "harrowmere-police",
                roles: ["partner-admin", "records"], description: "police records officer: answers access requests, approves disposals"),
        Account(username: "dpo", displayName: "Dana DPO", partner: "harrowmere-council",
                roles: ["dpo"], description: "data protection officer"),
        Account(username: "admin", displayName: "Sam Sysadmin", partner: "harrowmere-council",
                roles: ["admin"], description: "system administrator"),
        Account(username: "lead", displayName: "Lee Strategic", partner: "harrowmere-council",
                roles: ["strategic-lead"], description: "strategic lead for the partnership board: reports only"),
    ]
}

extension Application {
    /// Stops taking requests and waits for those in flight to finish (each
    /// writes its audit batch before it answers). Shutting the application
    /// down closes the databases and the HTTP server in no set order; a
    /// request still running when its database went crashed the process.
    func drainRequests() async {
        await server.shutdown()
    }
}
