@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

/// Deliveries check where they go at every attempt, not only at subscription.
@Suite struct WebhookTargetTests {
    /// A subscription to this machine (one made before the rule, or written
    /// straight into the store) is not delivered outside the test mode.
    @Test func aDeliveryToThisMachineIsRefusedAtDeliveryTime() async throws {
        let receiver = try await Receiver()
        defer { Task { try? await receiver.stop() } }
        try await withApp(.sqlite) { app in
            // setup
            let webhooks = WebhookRepository(database: app.db as! any SQLDatabase)
            let secret = try app.secretBox.seal(Array(repeating: 1, count: 32))
            let plain = try await webhooks.addSubscription(partner: "test-police", name: "Police", url: receiver.url, sealedSecret: secret, at: Date())
            let secure = try await webhooks.addSubscription(partner: "test-police", name: "Police",
                                                            url: receiver.url.replacingOccurrences(of: "http:", with: "https:"), sealedSecret: secret, at: Date())
            for subscription in [plain, secure] {
                try await webhooks.enqueue(subscription: subscription, household: UUID(), rule: "test", payload: #"{"rule":"test"}"#, at: Date())
            }
            // act
            #expect(try await app.webhookDispatcher.deliverDue() == 0)
            // validate
            #expect(receiver.received.withLockedValue { $0.isEmpty }, "nothing reached the loopback receiver")
            let plainAttempt = try #require(try await webhooks.deliveries(of: plain).first)
            #expect(!plainAttempt.delivered && (plainAttempt.outcome ?? "").contains("https"), "\(plainAttempt.outcome ?? "")")
            let secureAttempt = try #require(try await webhooks.deliveries(of: secure).first)
            #expect(!secureAttempt.delivered && (secureAttempt.outcome ?? "").contains("loopback 127.0.0.0/8"), "\(secureAttempt.outcome ?? "")")
        }
    }

    /// A name that resolved to a public address when subscribed but now
    /// resolves (also) to a private one is refused before any connection.
    @Test(arguments: [[IPAddress.v4(0x0A00_0007)], [.v4(0x0808_0808), .v4(0xA9FE_A9FE)], [.v6(Array(repeating: 0, count: 15) + [1])]])
    func aNameThatNowResolvesInsideIsRefused(_ answer: [IPAddress]) async throws {
        try await withApp(.sqlite) { app in
            // setup
            let webhooks = WebhookRepository(database: app.db as! any SQLDatabase)
            let subscription = try await webhooks.addSubscription(partner: "test-police", name: "Police", url: "https://feeds.example.org/hook",
                                                                  sealedSecret: try app.secretBox.seal(Array(repeating: 1, count: 32)), at: Date())
            try await webhooks.enqueue(subscription: subscription, household: UUID(), rule: "test", payload: #"{"rule":"test"}"#, at: Date())
            let rebinding = AddressResolver { _ in answer }
            let dispatcher = WebhookDispatcher(database: app.db, eventLoopGroup: app.eventLoopGroup, clientConfiguration: app.http.client.configuration,
                                               resolver: rebinding,
                                               allowPrivateTargets: false, secrets: app.secretBox, audit: app.auditTrail, logger: app.logger)
            // act
            #expect(try await dispatcher.deliverDue() == 0)
            // validate
            let attempt = try #require(try await webhooks.deliveries(of: subscription).first)
            #expect(!attempt.delivered && (attempt.outcome ?? "").contains("resolves to"), "\(attempt.outcome ?? "")")
        }
    }

    /// The page refuses a private target with a message, and stores nothing.
    @Test func thePageRefusesAPrivateTarget() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "petra", partner: "test-police", roles: ["partner-admin"])
            var petra = PageClient(app: app)
            _ = try await petra.signIn("petra", "correct horse battery")
            _ = try await petra.send(.GET, "/webhooks")
            let response = try await petra.send(.POST, "/webhooks", form: ["csrf": petra.csrf ?? "", "partner": "test-police", "name": "Metadata",
                                                                          "url": "https://169.254.169.254/latest/meta-data"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("link-local"))
            #expect(try await WebhookRepository(database: app.db as! any SQLDatabase).subscriptions().isEmpty)
        }
    }
}
