import Fluent
import Foundation
import Ledger
import Logging
import SQLKit
import Storage
import Vapor

/// Sends queued webhook deliveries: each body signed with its subscription's
/// secret, retried with growing waits while the partner's endpoint fails, and
/// every delivery audited as a disclosure to that partner.
///
/// Each attempt resolves the endpoint's host afresh, checks every address
/// (`WebhookEndpoint`), and connects to the checked address with TLS still
/// verified against the host name, so a DNS answer that changes between the
/// check and the connection (rebinding) cannot send the request inside
/// Lantern's network. Redirects are not followed, for the same reason.
actor WebhookDispatcher {
    let database: any Database
    let eventLoopGroup: any EventLoopGroup
    /// The application's HTTP client settings (TLS, proxy), per delivery.
    let clientConfiguration: HTTPClient.Configuration
    let resolver: AddressResolver
    /// Only the end-to-end webhook tests set this (see `LanternConfiguration`).
    let allowPrivateTargets: Bool
    let secrets: SecretBox
    let audit: AuditTrail
    let logger: Logger
    private var loop: Task<Void, Never>?

    /// After this many failed attempts a delivery is left for an operator.
    static let maximumAttempts = 12

    init(database: any Database, eventLoopGroup: any EventLoopGroup, clientConfiguration: HTTPClient.Configuration,
         resolver: AddressResolver = .system, allowPrivateTargets: Bool, secrets: SecretBox, audit: AuditTrail, logger: Logger) {
        self.database = database
        self.eventLoopGroup = eventLoopGroup
        self.clientConfiguration = clientConfiguration
        self.resolver = resolver
        self.allowPrivateTargets = allowPrivateTargets
        self.secrets = secrets
        self.audit = audit
        self.logger = logger
    }

    /// The wait before attempt `attempts + 1`: 30 s doubling, at most 6 hours.
    static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }

    /// Sends everything due now; returns how many were accepted.
    @discardableResult
    func deliverDue(now: Date = Date()) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let webhooks = WebhookRepository(database: sql)
        var delivered = 0
        var records: [AuditRecord] = []
        for pending in try await webhooks.due(at: now) {
            let outcome = await send(pending, at: now)
            let attempt = pending.attempts + 1
            if outcome.accepted {
                try await webhooks.markDelivered(pending.id, outcome: outcome.description, at: Date())
                delivered += 1
                records.append(AuditRecord(
                    actor: "webhooks", partner: pending.subscription.partner, purpose: "holistic-view", action: .export,
                    subject: "household:\(pending.householdID.uuidString)",
                    resource: "webhook:\(pending.subscription.id.uuidString) delivery:\(pending.id.uuidString) rule:\(pending.ruleID)",
                    decision: .permit, reason: "alert sent to the partner's feed (\(outcome.description))"))
            } else {
                let retry = attempt >= Self.maximumAttempts ? Date.distantFuture : now.addingTimeInterval(Self.retryDelay(afterAttempts: attempt))
                try await webhooks.markFailed(pending.id, outcome: outcome.description, retryAt: retry)
                logger.warning("webhook delivery failed", metadata: [
                    "delivery": .string(pending.id.uuidString), "partner": .string(pending.subscription.partner),
                    "attempt": .stringConvertible(attempt), "outcome": .string(outcome.description),
                ])
            }
        }
        if !records.isEmpty { try await audit.recordAlone(records, on: database) }
        return delivered
    }

    struct Outcome: CustomStringConvertible {
        var accepted: Bool
        var description: String
    }

    private func send(_ pending: PendingDelivery, at now: Date) async -> Outcome {
        do {
            let secret = try secrets.open(pending.subscription.sealedSecret)
            let body = Array(pending.payload.utf8)
            let timestamp = Int64(now.timeIntervalSince1970)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "X-Lantern-Delivery", value: pending.id.uuidString)
            headers.add(name: "X-Lantern-Timestamp", value: String(timestamp))
            headers.add(name: "X-Lantern-Signature", value: WebhookSignature.sign(body: body, timestamp: timestamp, secret: secret))
            headers.add(name: .userAgent, value: "Lantern webhooks")
            let status = try await post(body, headers: headers, to: pending.subscription.url)
            return Outcome(accepted: (200..<300).contains(status.code), description: "HTTP \(status.code)")
        } catch let refused as RefusedTarget {
            return Outcome(accepted: false, description: "not delivered: \(refused.reason)")
        } catch {
            return Outcome(accepted: false, description: "not delivered: \(String(describing: error).prefix(200))")
        }
    }

    struct RefusedTarget: Error { var reason: String }

    /// Resolves, checks every address, then connects to the first checked one.
    private func post(_ body: [UInt8], headers: HTTPHeaders, to url: String) async throws -> HTTPResponseStatus {
        if let problem = WebhookEndpoint.problem(with: url, allowPrivateTargets: allowPrivateTargets) { throw RefusedTarget(reason: problem) }
        guard let parsed = URL(string: url), let host = parsed.host else { throw RefusedTarget(reason: "not a URL") }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await resolver.resolve(bareHost)
        if let problem = WebhookEndpoint.problem(withResolved: addresses, host: bareHost, allowPrivateTargets: allowPrivateTargets) {
            throw RefusedTarget(reason: problem)
        }
        var configuration = clientConfiguration
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(10))
        // The connection goes to the address just checked; the certificate is
        // still checked against the host name (and sent as SNI).
        if IPAddress.parse(bareHost) == nil { configuration.dnsOverride = [bareHost: addresses[0].description] }
        let client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        do {
            let request = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: .bytes(body))
            let response = try await client.execute(request: request).get()
            try await client.shutdown()
            return response.status
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
    /// Sends due deliveries every `interval` until the server stops.
    func start(every interval: Duration = .seconds(5)) {
        guard loop == nil else { return }
        loop = Task { [weak self] in
            while !Task.isCancelled {
                do { try await self?.deliverDue() } catch { self?.logger.error("webhook dispatch failed: \(error)") }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func stop() {
        loop?.cancel()
        loop = nil
    }
}

extension Application {
    private struct WebhookDispatcherKey: StorageKey { typealias Value = WebhookDispatcher }
    private struct PrivateWebhookTargetsKey: StorageKey { typealias Value = Bool }

    /// Set once, from the configuration, in `configure`; false unless a test asked.
    var allowsPrivateWebhookTargets: Bool {
        get { storage[PrivateWebhookTargetsKey.self] ?? false }
        set { storage[PrivateWebhookTargetsKey.self] = newValue }
    }

    var webhookDispatcher: WebhookDispatcher {
        if let dispatcher = storage[WebhookDispatcherKey.self] { return dispatcher }
        let dispatcher = WebhookDispatcher(database: db, eventLoopGroup: eventLoopGroup, clientConfiguration: http.client.configuration,
                                           allowPrivateTargets: allowsPrivateWebhookTargets,
                                           secrets: secretBox, audit: auditTrail, logger: logger)
        storage[WebhookDispatcherKey.self] = dispatcher
        return dispatcher
    }
}
