/// How failed sign-ins slow guessing down without letting anyone lock a
/// colleague out.
///
/// Failures are counted against two keys: the pair (source address,
/// username) and the source address alone. Contract:
/// - a key with fewer than its free failures never waits; each failure past
///   them makes the key wait twice as long as the last (``Limits``), up to a
///   ceiling;
/// - an attempt while either key waits is refused unchecked and counts as
///   nothing, so waiting out the time is the only way on;
/// - a successful sign-in clears its pair only: a source's own account does
///   not wash out its guesses at other accounts;
/// - a key left alone for ``Limits/forgetAfter`` starts again from nothing;
/// - nothing here is keyed by username alone, so failures from one source
///   never stop the account's owner signing in from another.
/// Times are seconds on whatever clock the caller keeps (the app's clock).
public enum SignInThrottle {
    public struct Limits: Sendable, Hashable {
        /// Failures a (source, username) pair may make before it waits.
        public var pairFree = 5
        /// Failures a source may make, over all usernames, before it waits.
        public var sourceFree = 20
        public var firstWait: Double = 60
        public var longestWait: Double = 3_600
        public var forgetAfter: Double = 86_400

        public init() {}
    }

    /// One key's failures in a row, the latest, and how long it waits.
    public struct Tally: Sendable, Hashable, Codable {
        public var failures: Int
        public var lastFailure: Double
        public var waitUntil: Double?

        public init(failures: Int = 0, lastFailure: Double = 0, waitUntil: Double? = nil) {
            self.failures = failures
            self.lastFailure = lastFailure
            self.waitUntil = waitUntil
        }
    }

    public enum Key: Sendable, Hashable {
        case pair(source: String, username: String)
        case source(String)
    }

    /// When the key may try again, if it must wait at `now`.
    public static func waiting(_ tally: Tally?, at now: Double) -> Double? {
        guard let until = tally?.waitUntil, until > now else { return nil }
        return until
    }

    /// The tally after one more failure at `now`, for a key allowed `free` failures.
    public static func failed(_ tally: Tally?, free: Int, at now: Double, limits: Limits) -> Tally {
        var next = tally ?? Tally()
        if now - next.lastFailure > limits.forgetAfter { next = Tally() }
        next.failures += 1
        next.lastFailure = now
        if next.failures >= free {
            let doublings = Double(min(next.failures - free, 30))
            next.waitUntil = now + min(limits.longestWait, limits.firstWait * pow2(doublings))
        }
        return next
    }

    private static func pow2(_ n: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(n) { result *= 2 }
        return result
    }

    /// What happened to one attempt.
    public enum Outcome: Sendable, Hashable {
        /// The password was checked (right or wrong).
        case checked(succeeded: Bool)
        /// Refused unchecked until this time.
        case refused(until: Double)
    }

    /// The throttle's state over every key, for one store or one simulation;
    /// the sign-in route keeps the same tallies in the store and calls the
    /// same functions.
    public struct Book: Sendable {
        public var tallies: [Key: Tally] = [:]
        public let limits: Limits

        public init(limits: Limits = Limits()) { self.limits = limits }

        /// The time the attempt must wait for, if either of its keys waits.
        public func waiting(source: String, username: String, at now: Double) -> Double? {
            let waits = [SignInThrottle.waiting(tallies[.pair(source: source, username: username)], at: now),
                         SignInThrottle.waiting(tallies[.source(source)], at: now)].compactMap { $0 }
            return waits.max()
        }

        /// One attempt: refused while waiting, else checked with `passwordRight`.
        public mutating func attempt(source: String, username: String, passwordRight: Bool, at now: Double) -> Outcome {
            if let until = waiting(source: source, username: username, at: now) { return .refused(until: until) }
            let pair = Key.pair(source: source, username: username)
            if passwordRight {
                tallies[pair] = nil
            } else {
                tallies[pair] = failed(tallies[pair], free: limits.pairFree, at: now, limits: limits)
                tallies[.source(source)] = failed(tallies[.source(source)], free: limits.sourceFree, at: now, limits: limits)
            }
            return .checked(succeeded: passwordRight)
        }
    }
}
