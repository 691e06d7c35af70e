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
    }
}

/// Loads the caller from the session, or from HTTP Basic credentials for
/// scripts calling the API; pages redirect to sign-in, the API answers 401.
struct RequireCaller: AsyncMiddleware {
    let api: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let users = UserRepository(database: try request.sql())
        if let id = request.session.data["user"].flatMap(UUID.init(uuidString:)),
           let user = try await users.find(id: id) {
            request.auth.login(Caller(user))
        } else if api, let bearer = request.headers.bearerAuthorization {
            guard let scope = try await AccountSecurityRepository(database: try request.sql())
                .token(hash: APIToken.hash(bearer.token)) else {
                throw Abort(.unauthorized, reason: "the API token is not known or was revoked")
            }
            request.auth.login(Caller(token: scope))
        } else if api, let basic = request.headers.basicAuthorization,
                  let user = try await users.find(username: basic.username),
                  try await request.password.async.verify(basic.password, created: user.passwordHash) {
            request.auth.login(Caller(user))
        }
        guard request.auth.has(Caller.self) else {
            if api { throw Abort(.unauthorized, reason: "sign in, or send HTTP Basic credentials") }
            return request.redirect(to: "/sign-in")
        }
        return try await next.respond(to: request)
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

    /// Refuses a form post whose token does not match the session's.
    func requireCSRF() throws {
        struct Form: Content { var csrf: String? }
        let sent = (try? content.decode(Form.self))?.csrf
        guard let expected = session.data["csrf"], let sent, sent == expected else {
            throw Abort(.forbidden, reason: "the form has expired or did not come from Lantern: reload the page and try again")
        }
    }

    func sql() throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "the store does not speak SQL") }
        return sql
    }
}

/// Partners' API tokens: shown once at creation, stored only as a hash.
enum APIToken {
    static func make() -> String {
        "lnt_" + [UInt8].random(count: 32).map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
