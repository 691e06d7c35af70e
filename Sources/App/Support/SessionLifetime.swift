import Foundation
import Vapor

/// How long a signed-in session lasts: 30 minutes without a request, and 8
/// hours in all, whichever comes first; then the person signs in again.
///
/// NIST SP 800-63B at AAL2 allows 30 minutes idle and 12 hours in all; 8
/// hours is a working day, and matches the cookie's Max-Age. The limits are
/// kept on the server, in the session, so a copied cookie ends with them.
/// `RequireCaller` asks ``ended(_:now:)`` on every request.
enum SessionLifetime {
    static let idle: TimeInterval = 30 * 60
    static let absolute: TimeInterval = 8 * 3600

    static let signedInKey = "signed-in-at"
    static let seenKey = "seen-at"

    /// Marks a new session as signed in at `now`.
    static func start(_ data: inout SessionData, now: Date) {
        data[signedInKey] = String(Int(now.timeIntervalSince1970))
        data[seenKey] = data[signedInKey]
    }

    /// Why the session has ended at `now`, or nil while it may go on. A
    /// session without a sign-in time ends: it was not made by sign-in.
    static func ended(_ data: SessionData, now: Date) -> String? {
        guard let signedIn = data[signedInKey].flatMap(TimeInterval.init) else { return "no sign-in time" }
        let seen = data[seenKey].flatMap(TimeInterval.init) ?? signedIn
        if now.timeIntervalSince1970 - signedIn > absolute { return "signed in over 8 hours ago" }
        if now.timeIntervalSince1970 - seen > idle { return "idle for over 30 minutes" }
        return nil
    }

    /// Notes a request at `now`. Writes at most once a minute, since each
    /// write makes the session store save and the cookie be sent again.
    static func touch(_ data: inout SessionData, now: Date) {
        let seen = data[seenKey].flatMap(TimeInterval.init) ?? 0
        if now.timeIntervalSince1970 - seen >= 60 { data[seenKey] = String(Int(now.timeIntervalSince1970)) }
    }
}
