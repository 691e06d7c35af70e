import ArgumentParser
import Foundation
import Storage

/// `lantern webhook add|list|revoke`: partners' endpoints for alerts. The
/// signing secret is printed once and kept sealed (AES-GCM) in the store.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhook", abstract: "Manage partners' webhook subscriptions for alerts.",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Subscribe a partner's endpoint; the secret is printed once.")
        @ArgumentParser.Option(help: "The partner whose feed receives the alerts.") var partner: String
        @ArgumentParser.Option(help: "What the endpoint is, for example Police case system.") var name: String
        @ArgumentParser.Option(help: "The https URL alerts are posted to.") var url: String

        func validate() throws {
            if let problem = WebhookEndpoint.problem(with: url) { throw ValidationError("--url: \(problem)") }
        }

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            if let problem = try await WebhookEndpoint.problemResolving(url, allowPrivateTargets: config.allowPrivateWebhookTargets) {
                throw ValidationError("--url: \(problem)")
            }
            let secret = WebhookEndpoint.newSecret()
            let id = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let sql = try AppRunner.sql(app)
                guard try await PartnershipRepository(database: sql).partners().contains(where: { $0.slug == partner }) else {
                    throw StorageError.unknownPartner(partner)
                }
                return try await WebhookRepository(database: sql).addSubscription(
                    partner: partner, name: name, url: url, sealedSecret: try app.secretBox.seal(secret), at: Date())
            }
            print("Webhook \(id) for \(partner) (\(name)) posting to \(url).")
            print("Signing secret (hex); keep it secret, it is not shown again:\n\(WebhookEndpoint.hex(secret))")
            print("Check each delivery as docs/webhooks.md describes.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List subscriptions in force and their deliveries.")

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let repository = WebhookRepository(database: try AppRunner.sql(app))
                for subscription in try await repository.subscriptions() {
                    let deliveries = try await repository.deliveries(of: subscription.id)
                    let waiting = deliveries.filter { !$0.delivered }
                    print("\(subscription.id)  \(subscription.partner)  \(subscription.name)  \(subscription.url)")
                    print("    \(deliveries.count - waiting.count) delivered, \(waiting.count) waiting"
                          + (waiting.first?.outcome.map { "; last outcome: \($0)" } ?? ""))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Stop sending to a subscription.")
        @ArgumentParser.Argument(help: "The subscription id.") var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("give the subscription id that `lantern webhook list` shows") }
            let config = LanternConfiguration.fromEnvironment()
            try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                try await WebhookRepository(database: try AppRunner.sql(app)).revoke(uuid, at: Date())
            }
            print("Webhook \(uuid) revoked; queued deliveries to it will not be sent.")
        }
    }
}
