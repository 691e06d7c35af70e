import Storage
import Vapor

/// Sign-in and sign-out with a username and password.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: "/people") }
        routes.get("sign-in", use: page)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
    }

    struct SignInPage: Encodable {
        var csrf: String
        var error: String?
        var username: String?
    }

    func page(req: Request) async throws -> View {
        try await req.view.render("sign-in", SignInPage(csrf: req.csrfToken))
    }

    func signIn(req: Request) async throws -> Response {
        try req.requireCSRF()
        struct Form: Content { var username: String; var password: String }
        let form = try req.content.decode(Form.self)
        let users = UserRepository(database: try req.sql())
        let user = try await users.find(username: form.username)
        let verified = try await user.asyncMap { try await req.password.async.verify(form.password, created: $0.passwordHash) } ?? false
        guard let user, verified else {
            req.logger.notice("sign-in refused")
            try await req.audit(.signIn, subject: user.map { "user:\($0.id.uuidString)" } ?? "unknown-username",
                                resource: "sign-in", decision: .deny, reason: "wrong username or password", purpose: "sign-in")
            let page = SignInPage(csrf: req.csrfToken, error: "The username or password is not right.", username: form.username)
            return try await req.view.render("sign-in", page).encodeResponse(status: .unauthorized, for: req)
        }
        // A new session id on sign-in stops a planted session being reused.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data["user"] = user.id.uuidString
        req.logger.info("signed in", metadata: ["user": .string(user.id.uuidString)])
        req.auth.login(Caller(user))
        try await req.audit(.signIn, subject: "user:\(user.id.uuidString)", resource: "sign-in",
                            reason: "password accepted", purpose: "sign-in")
        return req.redirect(to: "/people")
    }

    func signOut(req: Request) async throws -> Response {
        try req.requireCSRF()
        req.session.destroy()
        return req.redirect(to: "/sign-in")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
