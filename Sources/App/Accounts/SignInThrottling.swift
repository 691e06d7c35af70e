import Crypto
import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The sign-in throttle (``SignInThrottle``) over the store, so every
/// Lantern process counts the same failures. Keys are HMACs under the
/// server's secret key: the table holds no address and no username.
struct SignInThrottling {
    let req: Request
    let source: String
    let username: String
    let limits = SignInThrottle.Limits()

    init(_ req: Request, username: String) {
        self.req = req
        self.source = Self.source(of: req)
        self.username = username.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Where the attempt comes from: the peer's address, or, when the peer is
    /// the reverse proxy on this host (docs/deploy.md), the address nginx
    /// appended last to X-Forwarded-For (earlier entries are the client's own
    /// claim and could be forged). In-process tests have no peer and are
    /// treated as the local proxy.
    static func source(of req: Request) -> String {
        let peer = req.remoteAddress?.ipAddress
        let local = peer == nil || peer == "127.0.0.1" || peer == "::1" || peer == "::ffff:127.0.0.1"
        if local, let forwarded = req.headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { return String(address.prefix(64)) }
        }
        return peer ?? "local"
    }

    var pairKey: String { hashed("pair\n\(source)\n\(username)") }
    var sourceKey: String { hashed("source\n\(source)") }

    /// A short, stable mark for the source in the audit ledger: it lets a DPO
    /// see that attempts came from one place without recording the address.
    var sourceMark: String { String(sourceKey.prefix(12)) }

    private func hashed(_ text: String) -> String {
        let key = req.application.secretBox.key
        return HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    private var now: Double { req.application.signInClock().timeIntervalSince1970 }

    /// When the attempt may be made, if it must wait now: the later of its
    /// two keys' waits, as ``SignInThrottle/Book`` decides.
    func waitingUntil() async throws -> Date? {
        let store = SignInThrottleRepository(database: try req.sql())
        let at = now
        return [SignInThrottle.waiting(try await store.tally(pairKey), at: at),
                SignInThrottle.waiting(try await store.tally(sourceKey), at: at)]
            .compactMap { $0 }.max().map(Date.init(timeIntervalSince1970:))
    }

    /// Counts a failure against the pair and the source; returns when the
    /// source must now wait, if this failure made it.
    @discardableResult
    func failed() async throws -> Date? {
        let store = SignInThrottleRepository(database: try req.sql())
        let at = now
        let pair = SignInThrottle.failed(try await store.tally(pairKey), free: limits.pairFree, at: at, limits: limits)
        let source = SignInThrottle.failed(try await store.tally(sourceKey), free: limits.sourceFree, at: at, limits: limits)
        try await store.save(pairKey, pair)
        try await store.save(sourceKey, source)
        return [SignInThrottle.waiting(pair, at: at), SignInThrottle.waiting(source, at: at)].compactMap { $0 }.max()
            .map(Date.init(timeIntervalSince1970:))
    }

    /// A right password clears its pair only (see ``SignInThrottle``).
    func succeeded() async throws {
        try await SignInThrottleRepository(database: try req.sql()).clear(pairKey)
    }
}

extension Application {
    private struct SignInClockKey: StorageKey { typealias Value = @Sendable () -> Date }

    /// The time sign-in throttling counts by: the wall clock, or one a test
    /// moves on, so waits are checked without sleeping.
    var signInClock: @Sendable () -> Date {
        get { storage[SignInClockKey.self] ?? { Date() } }
        set { storage[SignInClockKey.self] = newValue }
    }
}
