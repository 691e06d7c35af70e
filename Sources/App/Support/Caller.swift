import Crypto
import Foundation
import Storage
import SQLKit
import Vapor

/// Who is making a request: the signed-in user, their partner and roles.
/// Travels explicitly into every service call; there is no ambient user.
public struct Caller: Sendable, Authenticatable {
    public var userID: UUID
    public var username: String
    public var displayName: String
    public var partner: String
    public var roles: [String]

    /// Set for a partner's automated feed: the purposes its token names.
    public var tokenPurposes: [String]?

    /// How the caller proved who they are. A session rides on a cookie the
    /// browser sends by itself, so its changes need the anti-forgery token
    /// (``AntiForgery``); a bearer token is sent only on purpose and needs none.
    public enum Credential: Sendable { case session, apiToken }
    public var credential: Credential = .session

    init(_ user: StoredUser) {
        userID = user.id
        username = user.username
        displayName = user.displayName
        partner = user.partner
        roles = user.roles
    }

    /// A partner's automated feed, authenticated by a scoped API token: it
    /// may load its own partner's extracts and holds no case-data role.
    init(token: TokenScope) {
        userID = token.id
        username = "token:\(token.name)"
        displayName = token.name
        partner = token.partner
        roles = ["partner-feed"]
        tokenPurposes = token.purposes
        credential = .apiToken
    }
}

/// Loads the caller from the session (people) or, on the API, from a scoped
/// bearer token (partners' feeds); pages redirect to sign-in, the API answers 401.
///
/// HTTP Basic is refused on the API, whatever the credentials: it would let a
/// person's password past the lockout, the failure count and the second
/// factor that the sign-in page applies. Each attempt is audited as a refused
/// sign-in and never counted as a failure (the password is not checked, so
/// counting it would only let anyone lock an account).
struct RequireCaller: AsyncMiddleware {
    let api: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if api, let scheme = request.headers.first(name: .authorization), scheme.lowercased().hasPrefix("basic ") {
            try await refuseBasic(request)
        }
        let users = UserRepository(database: try request.sql())
        var sessionUser: StoredUser?
        var timedOut: SessionLifetime.Ending?
        // A session past its limits comes from the store holding only its
        // times (``StoredSessions``), no user: still say which limit ended it.
        let data = request.session.data
        if data["user"] != nil || data[SessionLifetime.signedInKey] != nil {
            let now = Date()
            timedOut = request.application.sessionLifetime.ending(data, now: now)
            if timedOut == nil, let id = data["user"].flatMap(UUID.init(uuidString:)) {
                // Read with the session on this request (``StoredSessions``), or from the store.
                if let read = request.accountReadWithSession(id) { sessionUser = read } else { sessionUser = try await users.find(id: id) }
                if sessionUser?.disabledAt != nil {
                    // Disabled by an administrator: the session ends now, not at its limit.
                    sessionUser = nil
                    request.session.destroy()
                } else {
                    SessionLifetime.touch(&request.session.data, now: now)
                }
            } else if timedOut != nil {
                // Idle or too old: ended on the server, so its cookie is worthless from now.
                request.session.destroy()
            }
        }
        if let user = sessionUser {
            request.auth.login(Caller(user))
            if user.mustChangePassword, !PasswordChangeController.paths.contains(request.url.path) {
                // A password an administrator chose is changed before any other page or call.
                if api { throw Refusal.passwordChangeRequired }
                return request.redirect(to: PasswordChangeController.path)
            }
        } else if api, let bearer = request.headers.bearerAuthorization {
            // Read from the store on every request, never cached: a revoked token fails at once.
            guard let scope = try await AccountSecurityRepository(database: try request.sql())
                .token(hash: APIToken.hash(bearer.token)) else {
                throw Refusal.tokenUnknown
            }
            if scope.useIsStale(at: Date()) { try await AccountSecurityRepository(database: try request.sql()).recordUse(of: scope.id, at: Date()) }
            request.auth.login(Caller(token: scope))
        }
        guard request.auth.has(Caller.self) else {
            if api { throw Refusal.notSignedIn }
            return request.redirect(to: timedOut.map { "/sign-in?timed-out=\($0.rawValue)" } ?? "/sign-in")
        }
        return try await next.respond(to: request)
    }

    /// Audits the attempt against the named account when there is one (the
    /// caller learns nothing: the answer is the same either way) and refuses.
    private func refuseBasic(_ request: Request) async throws -> Never {
        var subject = "unknown-username"
        if let username = request.headers.basicAuthorization?.username,
           let user = try await UserRepository(database: try request.sql()).find(username: username) {
            subject = "user:\(user.id.uuidString)"
        }
        request.logger.notice("HTTP Basic refused on the API")
        try await request.audit(.signIn, subject: subject, resource: "api-basic", decision: .deny,
                                reason: "HTTP Basic refused: people sign in, feeds use bearer tokens", purpose: "sign-in")
        throw Refusal.basicRefused
    }
}

extension Request {
    var caller: Caller {
        get throws { try auth.require(Caller.self) }
    }

    /// The session's anti-forgery token, made on first use.
    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 32).base64
        session.data["csrf"] = token
        return token
    }

    /// Refuses a change whose anti-forgery token (the `csrf` form field or
    /// the `X-CSRF-Token` header) does not match the session's. ``AntiForgery``
    /// applies this to every route; handlers that call it too are harmless.
    func requireCSRF() throws {
        if auth.get(Caller.self)?.credential == .apiToken { return }
        struct Form: Content { var csrf: String? }
        let sent = headers.first(name: AntiForgery.header) ?? (try? content.decode(Form.self))?.csrf
        guard AntiForgery.matches(sent: sent, expected: session.data["csrf"]) else {
            throw Refusal.antiForgery
        }
    }

    /// The store, as SQL. Made once per request: each `db` asks the
    /// application's database registry under its lock and builds a new
    /// context, and a page asks for it dozens of times. On SQLite its
    /// prepared reads go through the application's read connections.
    func sql() throws -> any SQLDatabase {
        if let sql = storage[RequestSQLKey.self] { return sql }
        guard let plain = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the store does not speak SQL") }
        let sql = SQLiteReadingDatabase.wrapping(plain, readers: application.sqliteReaders)
        storage[RequestSQLKey.self] = sql
        return sql
    }

    private struct RequestSQLKey: StorageKey { typealias Value = any SQLDatabase }
}

/// Partners' API tokens: shown once at creation, stored only as a hash.
enum APIToken {
    static func make() -> String {
        "lnt_" + [UInt8].random(count: 32).map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}
