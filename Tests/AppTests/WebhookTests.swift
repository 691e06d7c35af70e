@testable import App
import Foundation
import NIOConcurrencyHelpers
import PropertyBased
import SQLKit
import Storage
import Testing
import Vapor

@Suite struct WebhookSignatureTests {
    static let secret = Array(0..<32).map(UInt8.init)

    /// Known answer computed with Python's hmac module, independently of swift-crypto.
    @Test func signatureMatchesAKnownAnswer() {
        let body = Array(#"{"rule":"da-child"}"#.utf8)
        #expect(WebhookSignature.sign(body: body, timestamp: 1_767_225_600, secret: Self.secret)
                == "sha256=181e3b4bc46c61b286518d3f3d266f1442bbbc8be89414d590f4cb5b0e2cb59b")
    }

    @Test func onlyTheUnalteredRecentBodyUnderTheRightSecretVerifies() async {
        await propertyCheck(input: Gen.letterOrNumber.string(of: 1...40), Gen.int(in: 0...255)) { text, flip in
            let body = Array(text.utf8)
            let now = Date(timeIntervalSince1970: 1_767_225_600)
            let stamp = Int64(now.timeIntervalSince1970)
            let signature = WebhookSignature.sign(body: body, timestamp: stamp, secret: Self.secret)
            #expect(WebhookSignature.verify(body: body, timestamp: stamp, signature: signature, secret: Self.secret, now: now))
            var altered = body
            altered[0] ^= UInt8(max(1, flip))
            #expect(!WebhookSignature.verify(body: altered, timestamp: stamp, signature: signature, secret: Self.secret, now: now))
            #expect(!WebhookSignature.verify(body: body, timestamp: stamp + 1, signature: signature, secret: Self.secret, now: now))
            var otherSecret = Self.secret
            otherSecret[flip % 32] ^= 0x80
            #expect(!WebhookSignature.verify(body: body, timestamp: stamp, signature: signature, secret: otherSecret, now: now))
            // A replay of the same delivery ten minutes later is refused.
            #expect(!WebhookSignature.verify(body: body, timestamp: stamp, signature: signature, secret: Self.secret,
                                             now: now.addingTimeInterval(600)))
        }
    }

    @Test func retriesWaitLongerEachTimeUpToSixHours() {
        let waits = (1...14).map(WebhookDispatcher.retryDelay(afterAttempts:))
        #expect(waits.first == 30 && waits[1] == 60)
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(waits.last == TimeInterval(6 * 3600))
    }
}

/// A partner's endpoint, run as a real HTTP server on a free port.
final class Receiver: Sendable {
    struct Delivery: Sendable { var headers: HTTPHeaders; var body: [UInt8] }
    let app: Application
    let received = NIOLockedValueBox<[Delivery]>([])
    let failing = NIOLockedValueBox(false)

    init() async throws {
        app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        app.logger.logLevel = .warning
        app.on(.POST, "hook", body: .collect(maxSize: "1mb")) { [received, failing] req -> HTTPStatus in
            if failing.withLockedValue({ $0 }) { return .serviceUnavailable }
            let body = req.body.data.map { Array($0.readableBytesView) } ?? []
            received.withLockedValue { $0.append(Delivery(headers: req.headers, body: body)) }
            return .noContent
        }
        try await app.server.start()
    }

    var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/hook" }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite struct WebhookDeliveryTests {
    /// The receiver listens on loopback over plain http, which only this
    /// explicit test mode allows; every other test runs with it off.
    static func testMode(_ config: inout LanternConfiguration) { config.allowPrivateWebhookTargets = true }

    @Test(arguments: TestStore.available)
    func anAlertReachesOnlyTheFeedsOfPartnersWorkingWithThePersonThatMaySeeIt(_ store: TestStore) async throws {
        let receiver = try await Receiver()
        defer { Task { try? await receiver.stop() } }
        try await withApp(store, configuration: Self.testMode) { app in
            let sql = app.db as! any SQLDatabase
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                        linker: app.storeLinker, alerts: app.accessGate)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            // The police's neighbourhood team works with Jane.
            _ = try await service.run(partner: "test-police", kind: .involvements, source: .data(Data("""
                record_id,person_record_id,service,work_type,started_on
                I-1,P-1,Neighbourhood Team,policing,\(CaseworkTests.daysAgo(60))
                """.utf8), name: "i.csv", contentType: nil))
            let secret = Array(repeating: UInt8(7), count: 32)
            let webhooks = WebhookRepository(database: sql)
            let police = try await webhooks.addSubscription(partner: "test-police", name: "Police case system", url: receiver.url,
                                                            sealedSecret: try app.secretBox.seal(secret), at: Date())
            // The council's feed: the council works with nobody in this family.
            _ = try await webhooks.addSubscription(partner: "test-council", name: "Council", url: receiver.url,
                                                   sealedSecret: try app.secretBox.seal(secret), at: Date())

            // Jane is a victim of domestic abuse and Sam, a child, lives with her.
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(
                "record_id,person_record_id,category,role,occurred_on\nD-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(2))\n".utf8),
                name: "e.csv", contentType: nil))
            #expect(try await app.webhookDispatcher.deliverDue() == 1)
            let deliveries = receiver.received.withLockedValue { $0 }
            let delivery = try #require(deliveries.first)
            #expect(deliveries.count == 1)
            let stamp = try #require(delivery.headers.first(name: "X-Lantern-Timestamp").flatMap(Int64.init))
            let signature = try #require(delivery.headers.first(name: "X-Lantern-Signature"))
            #expect(WebhookSignature.verify(body: delivery.body, timestamp: stamp, signature: signature, secret: secret, now: Date()))
            let payload = try JSONDecoder().decode(WebhookAlerts.Payload.self, from: Data(delivery.body))
            #expect(payload.partner == "test-police" && payload.events.map(\.record) == ["D-1"])
            #expect(!String(decoding: delivery.body, as: UTF8.self).contains("Jane"), "ids and categories only, never names")
            #expect(try await webhooks.deliveries(of: police).allSatisfy(\.delivered))
            // Nothing is sent twice.
            #expect(try await app.webhookDispatcher.deliverDue() == 0)
            let exports = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'export' AND resource LIKE 'webhook:%'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(exports == 1)
        }
    }

    @Test func aFailingEndpointIsRetriedLaterAndLosesNothing() async throws {
        let receiver = try await Receiver()
        defer { Task { try? await receiver.stop() } }
        try await withApp(.sqlite, configuration: Self.testMode) { app in
            let sql = app.db as! any SQLDatabase
            let webhooks = WebhookRepository(database: sql)
            let subscription = try await webhooks.addSubscription(partner: "test-police", name: "Police", url: receiver.url,
                                                                  sealedSecret: try app.secretBox.seal(Array(repeating: 1, count: 32)), at: Date())
            try await webhooks.enqueue(subscription: subscription, household: UUID(), rule: "test", payload: #"{"rule":"test"}"#, at: Date())
            receiver.failing.withLockedValue { $0 = true }
            let now = Date()
            #expect(try await app.webhookDispatcher.deliverDue(now: now) == 0)
            #expect(try await webhooks.due(at: now).isEmpty, "not retried at once")
            let waiting = try #require(try await webhooks.deliveries(of: subscription).first)
            #expect(!waiting.delivered && waiting.attempts == 1 && waiting.outcome == "HTTP 503")
            receiver.failing.withLockedValue { $0 = false }
            #expect(try await app.webhookDispatcher.deliverDue(now: now.addingTimeInterval(31)) == 1)
            #expect(receiver.received.withLockedValue { $0.count } == 1)
        }
    }
}

@Suite struct WebhookCommandTests {
    @Test func onlyHTTPSEndpointsAreAcceptedExceptOnThisMachine() throws {
        #expect(throws: (any Error).self) {
            try WebhookCommand.Add.parse(["--partner", "test-police", "--name", "Police", "--url", "http://feeds.example.org/hook"])
        }
        #expect(throws: (any Error).self) {
            try WebhookCommand.Add.parse(["--partner", "test-police", "--name", "Police", "--url", "not a url"])
        }
        _ = try WebhookCommand.Add.parse(["--partner", "test-police", "--name", "Police", "--url", "https://feeds.example.org/hook"])
    }

    /// This machine, private networks and the cloud metadata address are
    /// refused at subscription, however the address is written.
    @Test(arguments: ["http://127.0.0.1:9000/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/latest",
                      "https://0x7f.1/hook", "https://2130706433/hook", "https://0177.0.0.1/hook", "https://10.1.2.3/hook",
                      "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook",
                      "https://100.64.0.1/hook", "https://172.20.0.1/hook", "https://192.168.1.1/hook", "https://0.0.0.0/hook"])
    func privateAndLoopbackTargetsAreRefused(_ url: String) {
        #expect(throws: (any Error).self) {
            try WebhookCommand.Add.parse(["--partner", "test-police", "--name", "Police", "--url", url])
        }
    }
}

@Suite struct WebhookPageTests {
    @Test func aPartnerAdministratorSubscribesSeesTheSecretOnceAndRevokes() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "petra", partner: "test-police", roles: ["partner-admin"])
            try await addUser(app, "mo", partner: "test-council", roles: ["partner-admin"])
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            var petra = PageClient(app: app)
            _ = try await petra.signIn("petra", "correct horse battery")
            #expect(try await petra.send(.GET, "/webhooks").body.string.contains("No webhooks are subscribed"))
            let insecure = try await petra.send(.POST, "/webhooks", form: ["csrf": petra.csrf ?? "", "partner": "test-police",
                                                                         "name": "Case system", "url": "http://police-cases.example.org/hook"])
            #expect(insecure.status == .unprocessableEntity && insecure.body.string.contains("https"))
            let added = try await petra.send(.POST, "/webhooks", form: ["csrf": petra.csrf ?? "", "partner": "test-police",
                                                                      "name": "Case system", "url": "https://police-cases.example.org/hook"])
            let text = added.body.string
            let shown = try #require(text.range(of: #"<code id="secret">"#).map { String(text[$0.upperBound...].prefix(64)) })
            let subscription = try #require(try await WebhookRepository(database: sql).subscriptions().first)
            #expect(WebhookEndpoint.hex(try app.secretBox.open(subscription.sealedSecret)) == shown)
            #expect(!(try await petra.send(.GET, "/webhooks").body.string.contains(shown)), "the secret is shown once")
            // Another partner's administrator may not add for the police, nor see or revoke theirs.
            var mo = PageClient(app: app)
            _ = try await mo.signIn("mo", "correct horse battery")
            #expect(!(try await mo.send(.GET, "/webhooks").body.string.contains("police-cases.example.org")))
            let foreign = try await mo.send(.POST, "/webhooks", form: ["csrf": mo.csrf ?? "", "partner": "test-police",
                                                                     "name": "x", "url": "https://evil.example.org/"])
            #expect(foreign.status == .forbidden)
            #expect(try await mo.send(.POST, "/webhooks/\(subscription.id)/revoke", form: ["csrf": mo.csrf ?? ""]).status == .notFound)
            var pat = PageClient(app: app)
            _ = try await pat.signIn("pat", "correct horse battery")
            #expect(try await pat.send(.GET, "/webhooks").status == .forbidden)

            _ = try await petra.send(.GET, "/webhooks")
            let revoked = try await petra.send(.POST, "/webhooks/\(subscription.id)/revoke", form: ["csrf": petra.csrf ?? ""])
            #expect(revoked.status == .seeOther)
            #expect(try await WebhookRepository(database: sql).subscriptions().isEmpty)
        }
    }
}
