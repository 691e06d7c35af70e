import ArgumentParser
import Foundation
import Storage

/// `lantern token add`: a scoped API token for a partner's automated feed.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage partners' API tokens.",
                                                    subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a token; it is printed once.")
        @ArgumentParser.Option(help: "What the feed is, for example Police nightly extract.") var name: String
        @ArgumentParser.Option(help: "The partner whose extracts the token may load.") var partner: String
        @ArgumentParser.Option(help: "Comma-separated purposes the feed serves.") var purposes = "case-finding"

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let token = APIToken.make()
            try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let sql = try AppRunner.sql(app)
                guard try await PartnershipRepository(database: sql).partners().contains(where: { $0.slug == partner }) else {
                    throw StorageError.unknownPartner(partner)
                }
                _ = try await AccountSecurityRepository(database: sql).addToken(
                    name: name, partner: partner, purposes: purposes.split(separator: ",").map(String.init),
                    tokenHash: APIToken.hash(token), at: Date())
            }
            print("Token for \(partner) (\(name)); keep it secret, it is not shown again:\n\(token)")
        }
    }
}
