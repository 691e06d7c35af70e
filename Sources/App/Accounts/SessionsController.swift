import Foundation
import Storage
import Vapor

/// `/account/sessions`: the signed-in person's own sessions (where and when
/// they are signed in), so that one left open on a shared computer, or one
/// they do not recognise, can be ended from here. Every role has it; it
/// shows and ends only the caller's own sessions, and each ending is audited.
struct SessionsController: RouteCollection {
    static let path = "/account/sessions"
    /// The session key holding the browser summary taken at sign-in.
    static let browserKey = "browser"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "sessions", use: page)
        routes.post("account", "sessions", "end", use: end)
        routes.post("account", "sessions", "end-others", use: endOthers)
    }

    struct Row: Encodable {
        var handle: String
        var started: String
        var lastActive: String
        var browser: String
        var current: Bool
    }

    struct SessionsPage: Encodable {
        var caller: CallerView
        var csrf: String
        var sessions: [Row]
        var others: Int
        var message: String?
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let current = req.session.id.map(StoredSessions.hash)
        let now = Int64(Date().timeIntervalSince1970)
        let rows = try await SessionRepository(database: try req.sql()).live(of: caller.userID, at: now).map { hash, session in
            Row(handle: hash, started: Self.when(session.createdAt), lastActive: Self.when(session.seenAt),
                browser: session.data[Self.browserKey] ?? "Not recorded", current: hash == current)
        }
        let message: String? = switch try? req.query.get(String.self, at: "ended") {
        case "one": "That session has ended: whoever was using it is signed out."
        case "others": "Every other session has ended. Only this one is still signed in."
        case "none": "That session had already ended."
        default: nil
        }
        return try await req.renderPage("account-sessions", SessionsPage(
            caller: .init(caller), csrf: req.csrfToken, sessions: rows, others: rows.filter { !$0.current }.count, message: message))
    }

    func end(req: Request) async throws -> Response {
        try req.requireCSRF()
        let caller = try req.caller
        struct Form: Content { var session: String }
        let handle = try req.content.decode(Form.self).session
        let ended = try await SessionRepository(database: try req.sql()).delete(hash: handle, of: caller.userID)
        if ended {
            try await req.audit(.write, subject: "user:\(caller.userID.uuidString)", resource: "session",
                                reason: "ended one of their own sessions", purpose: "account")
        }
        // Ending this very session signs the caller out here too.
        if handle == req.session.id.map(StoredSessions.hash) {
            req.session.destroy()
            return req.redirect(to: "/sign-in")
        }
        return req.redirect(to: Self.path + "?ended=" + (ended ? "one" : "none"))
    }

    func endOthers(req: Request) async throws -> Response {
        try req.requireCSRF()
        let caller = try req.caller
        guard let current = req.session.id.map(StoredSessions.hash) else { return req.redirect(to: "/sign-in") }
        let count = try await SessionRepository(database: try req.sql()).endAll(of: caller.userID, except: current)
        try await req.audit(.write, subject: "user:\(caller.userID.uuidString)", resource: "sessions ended:\(count)",
                            reason: "ended all their other sessions", purpose: "account")
        return req.redirect(to: Self.path + "?ended=others")
    }

    static func when(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "d MMM yyyy, HH:mm"
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// A browser and system in words a person recognises ("Firefox on Windows"),
/// from the User-Agent header: enough to tell one's own devices apart, and
/// nothing more is kept.
enum BrowserSummary {
    static func of(_ agent: String?) -> String {
        guard let agent, !agent.isEmpty else { return "Unknown browser" }
        let browser = if agent.contains("Edg/") { "Edge" }
            else if agent.contains("Firefox/") { "Firefox" }
            else if agent.contains("Chrome/") || agent.contains("Chromium/") { "Chrome" }
            else if agent.contains("Safari/") { "Safari" }
            else { "Another browser" }
        let system = if agent.contains("Windows") { "Windows" }
            else if agent.contains("iPhone") || agent.contains("iPad") { "iOS" }
            else if agent.contains("Android") { "Android" }
            else if agent.contains("Mac OS X") || agent.contains("Macintosh") { "macOS" }
            else if agent.contains("Linux") || agent.contains("X11") { "Linux" }
            else { "another system" }
        return "\(browser) on \(system)"
    }
}
