import ArgumentParser
import Fluent
import Foundation
import LanternDomain
import Storage
import Vapor

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the store's schema up to date.")

    func run() async throws {
        let config = LanternConfiguration.fromEnvironment()
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            print("Store is up to date: \(config.storeDescription)")
        }
    }
}

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a store and load a partnership (partners and agreements) into it.")

    @ArgumentParser.Option(help: "The partnership.json file (as written by `lantern generate`).")
    var partnership: String

    func run() async throws {
        let config = LanternConfiguration.fromEnvironment()
        let description = try PartnershipLoader.read(path: partnership)
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            try await PartnershipLoader.load(description, into: app)
            print("Loaded \(description.partners.count) partners and \(description.agreements.count) agreement(s) into \(config.storeDescription)")
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load a partner extract (see docs/import-format.md).")

    @ArgumentParser.Option(help: "The partner's slug.") var partner: String
    @ArgumentParser.Option(help: "people, events, involvements or encoded-people.") var kind: String
    @ArgumentParser.Option(help: "Write bad rows to this CSV file and load the rest, instead of refusing the file.")
    var quarantine: String?
    @ArgumentParser.Argument(help: "The extract: .csv, .jsonl/.ndjson or .json.") var file: String

    func run() async throws {
        guard let kind = ImportKind(rawValue: kind) else {
            throw ValidationError("--kind must be people, events, involvements or encoded-people")
        }
        let config = LanternConfiguration.fromEnvironment()
        let source = try ExtractSource.file(file)
        let quarantineFile = try quarantine.map(QuarantineFile.init(path:))
        do {
            let summary = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let line = ProgressLine()
                defer { line.done() }
                return try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail,
                                                    actor: "command-line", linker: app.storeLinker, alerts: app.accessGate)
                    .run(partner: partner, kind: kind, source: source, quarantine: quarantineFile) { line.show(source.name, $0) }
            }
            print(summary.description)
            for skipped in summary.notReimported { print("not re-imported: \(skipped.description)") }
            if let quarantine, summary.rejected > 0 { print("Rejected rows written to \(quarantine)") }
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// Reads `partnership.json` and loads it into an empty store.
enum PartnershipLoader {
    static func read(path: String) throws -> PartnershipDescription {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        let description: PartnershipDescription
        do {
            description = try JSONDecoder().decode(PartnershipDescription.self, from: data)
        } catch {
            throw ValidationError("\(path) is not a partnership description: \(error)")
        }
        let problems = description.problems()
        guard problems.isEmpty else { throw ValidationError("\(path): " + problems.joined(separator: "; ")) }
        return description
    }

    static func load(_ description: PartnershipDescription, into app: Application) async throws {
        let repository = PartnershipRepository(database: try AppRunner.sql(app))
        guard try await !repository.isInitialised() else {
            throw ValidationError("this store already holds a partnership: start a new one with another LANTERN_DATA or DATABASE_URL")
        }
        try await repository.load(description, at: Date())
    }
}
