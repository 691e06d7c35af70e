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
        guard let user = try await users.find(username: form.username),
              try await req.password.async.verify(form.password, created: user.passwordHash) else {
            req.logger.notice("sign-in refused")
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
        return req.redirect(to: "/people")
    }

    func signOut(req: Request) async throws -> Response {
        try req.requireCSRF()
        req.session.destroy()
        return req.redirect(to: "/sign-in")
    }
}
