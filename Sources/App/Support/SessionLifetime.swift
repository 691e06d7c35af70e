import Foundation
import Vapor

/// How long a signed-in session lasts: by default 30 minutes without a
/// request, and 12 hours in all, whichever comes first; then the person
/// signs in again, and the sign-in page says which limit ended the session.
///
/// NIST SP 800-63B at AAL2 allows 30 minutes idle and 12 hours in all, the
/// defaults; a partnership sets its own (`LANTERN_SESSION_IDLE_MINUTES`,
/// `LANTERN_SESSION_HOURS`), and the cookie's Max-Age follows the absolute
/// limit. The limits are kept on the server, in the session, so a copied
/// cookie ends with them. `RequireCaller` asks ``ended(_:now:)`` on every request.
struct SessionLifetime: Sendable, Equatable {
    var idle: TimeInterval
    var absolute: TimeInterval

    static let standard = SessionLifetime(idle: 30 * 60, absolute: 12 * 3600)

    static let signedInKey = "signed-in-at"
    static let seenKey = "seen-at"

    /// Why a session ended, for the sign-in page (`/sign-in?timed-out=...`).
    enum Ending: String, Sendable {
        case idle, absolute
    }

    /// Marks a new session as signed in at `now`.
    static func start(_ data: inout SessionData, now: Date) {
        data[signedInKey] = String(Int(now.timeIntervalSince1970))
        data[seenKey] = data[signedInKey]
    }

    /// Why the session has ended at `now`, or nil while it may go on. A
    /// session without a sign-in time ends: it was not made by sign-in.
    func ended(_ data: SessionData, now: Date) -> String? {
        ending(data, now: now).map { ending in
            switch ending {
            case .absolute: "signed in over \(Self.words(absolute)) ago"
            case .idle: "idle for over \(Self.words(idle))"
            }
        }
    }

    /// Which limit ended the session at `now`, or nil while it may go on.
    func ending(_ data: SessionData, now: Date) -> Ending? {
        guard let signedIn = data[Self.signedInKey].flatMap(TimeInterval.init) else { return .absolute }
        let seen = data[Self.seenKey].flatMap(TimeInterval.init) ?? signedIn
        if now.timeIntervalSince1970 - signedIn > absolute { return .absolute }
        if now.timeIntervalSince1970 - seen > idle { return .idle }
        return nil
    }

    /// When the session stops being usable if no request comes before: the
    /// earlier of its idle and absolute limits. A session not made by sign-in
    /// (it holds only an anti-forgery token) lasts the absolute limit from its
    /// last change, so a sign-in form left open over lunch still submits.
    func expiry(_ data: SessionData, now: Date) -> Date {
        guard let signedIn = data[Self.signedInKey].flatMap(TimeInterval.init) else { return now.addingTimeInterval(absolute) }
        let seen = data[Self.seenKey].flatMap(TimeInterval.init) ?? signedIn
        return Date(timeIntervalSince1970: min(signedIn + absolute, seen + idle))
    }

    /// What the sign-in page says after a session ended this way.
    func notice(_ ending: Ending) -> String {
        switch ending {
        case .idle: "You were signed out after \(Self.words(idle)) without using Lantern. Sign in again to carry on."
        case .absolute: "You were signed out because sessions last at most \(Self.words(absolute)). Sign in again to carry on."
        }
    }

    /// `30 minutes`, `12 hours`, `1 hour`: a limit in words.
    static func words(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        if minutes % 60 == 0 { return minutes == 60 ? "1 hour" : "\(minutes / 60) hours" }
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    /// Notes a request at `now`. Writes at most once a minute, since each
    /// write makes the session store save and the cookie be sent again.
    static func touch(_ data: inout SessionData, now: Date) {
        let seen = data[seenKey].flatMap(TimeInterval.init) ?? 0
        if now.timeIntervalSince1970 - seen >= 60 { data[seenKey] = String(Int(now.timeIntervalSince1970)) }
    }
}

extension Application {
    private struct SessionLifetimeKey: StorageKey { typealias Value = SessionLifetime }

    /// This server's session limits, from ``LanternConfiguration``.
    var sessionLifetime: SessionLifetime {
        get { storage[SessionLifetimeKey.self] ?? .standard }
        set { storage[SessionLifetimeKey.self] = newValue }
    }
}
