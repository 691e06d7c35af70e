import ArgumentParser
import Foundation
import LanternDomain
import Storage
import Synthetic
import Vapor

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a fictional partnership's extracts, partnership.json and ground truth.")

    @ArgumentParser.Option(help: "How many fictional people.") var people: Int
    @ArgumentParser.Option(help: "Seed: the same seed gives the same bytes.") var seed: UInt64 = 1
    @ArgumentParser.Option(help: "Output directory.") var out: String
    @ArgumentParser.Option(help: "Last day of the generated history (YYYY-MM-DD).") var referenceDate: String?

    func run() async throws {
        guard people > 0 else { throw ValidationError("--people must be at least 1") }
        var reference = ExtractGenerator.defaultReferenceDate
        if let text = referenceDate {
            guard let date = SyntheticDate(parsing: text) else { throw ValidationError("--reference-date must be YYYY-MM-DD") }
            reference = date
        }
        let started = ContinuousClock.now
        try ExtractGenerator.write(people: people, seed: seed, to: URL(fileURLWithPath: out), referenceDate: reference)
        print("Wrote \(people) people's extracts to \(out) in \(ContinuousClock.now - started)")
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.",
                                                    subcommands: [AddUser.self])

    struct AddUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account; the password is read from LANTERN_PASSWORD or standard input.")
        @ArgumentParser.Option var username: String
        @ArgumentParser.Option var name: String
        @ArgumentParser.Option(help: "The user's partner slug.") var partner: String
        @ArgumentParser.Option(help: "Comma-separated: practitioner, analyst, panel-chair, dpo, partner-admin, admin.") var roles: String

        func run() async throws {
            let password = ProcessInfo.processInfo.environment["LANTERN_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            guard password.count >= 12 else { throw ValidationError("the password must be at least 12 characters") }
            let config = LanternConfiguration.fromEnvironment()
            try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let sql = try AppRunner.sql(app)
                guard try await PartnershipRepository(database: sql).partners().contains(where: { $0.slug == partner }) else {
                    throw StorageError.unknownPartner(partner)
                }
                let hash = try await app.password.async.hash(password)
                _ = try await UserRepository(database: sql).create(
                    username: username, displayName: name, partner: partner,
                    roles: roles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                    passwordHash: hash, at: Date())
                print("Added \(username).")
            }
        }
    }
}
