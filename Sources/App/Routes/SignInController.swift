import Storage
import Vapor

/// Sign-in and sign-out with a username and password.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: "/home") }
        routes.get("sign-in", use: page)
        routes.post("sign-in", use: signIn)
        routes.get("sign-in", "code", use: codePage)
        routes.post("sign-in", "code", use: code)
        routes.post("sign-out", use: signOut)
    }

    struct SignInPage: Encodable {
        var csrf: String
        var error: String?
        var username: String?
        /// Why the last session ended, when it timed out.
        var notice: String?
    }

    func page(req: Request) async throws -> View {
        let ending = (try? req.query.get(String.self, at: "timed-out")).flatMap(SessionLifetime.Ending.init(rawValue:))
        return try await req.renderPage("sign-in", SignInPage(csrf: req.csrfToken,
                                                               notice: ending.map(req.application.sessionLifetime.notice)))
    }

    /// Failures in a row before an account locks, and for how long.
    static let lockAfter = 5
    static let lockFor: TimeInterval = 15 * 60

    func signIn(req: Request) async throws -> Response {
        try req.requireCSRF()
        struct Form: Content { var username: String; var password: String }
        let form = try req.content.decode(Form.self)
        let sql = try req.sql()
        let users = UserRepository(database: sql)
        let security = AccountSecurityRepository(database: sql)
        let user = try await users.find(username: form.username)
        let lockedUntil = try await user.asyncMap { try await security.lockedUntil(user: $0.id, now: Date()) } ?? nil
        let throttle = SignInThrottling(req, username: form.username)
        let waiting = try await throttle.waitingUntil()
        // Checked before any answer, on every path: see `checkPassword`.
        let verified = try await Self.checkPassword(req, form.password,
                                                    against: lockedUntil == nil && waiting == nil ? user?.passwordHash : nil)
        if let until = waiting {
            let refusal = Refusal.signInThrottled(until: Self.clock(until))
            try await req.audit(.signIn, subject: user.map { "user:\($0.id.uuidString)" } ?? "unknown-username",
                                resource: "sign-in source:\(throttle.sourceMark)", decision: .deny,
                                reason: "sign-in throttled: too many failures from this source", purpose: "sign-in")
            return try await refuse(req, username: form.username, message: refusal.reason + " " + refusal.nextStep,
                                    status: refusal.status)
        }
        if let user, let until = lockedUntil {
            try await req.audit(.signIn, subject: "user:\(user.id.uuidString)", resource: "sign-in", decision: .deny,
                                reason: "account locked", purpose: "sign-in")
            return try await refuse(req, username: form.username,
                                    message: "This account is locked after repeated failed sign-ins. Try again after \(Self.clock(until)) or ask your administrator.")
        }
        guard let user, verified else {
            req.logger.notice("sign-in refused")
            var reason = "wrong username or password"
            // Counted against this source, never against the account alone:
            // failures from elsewhere must not keep the account's owner out.
            if try await throttle.failed() != nil { reason += "; this source now waits before trying again" }
            try await req.audit(.signIn, subject: user.map { "user:\($0.id.uuidString)" } ?? "unknown-username",
                                resource: "sign-in source:\(throttle.sourceMark)", decision: .deny, reason: reason, purpose: "sign-in")
            return try await refuse(req, username: form.username, message: "The username or password is not right.")
        }
        try await throttle.succeeded()
        if user.disabledAt != nil {
            try await req.audit(.signIn, subject: "user:\(user.id.uuidString)", resource: "sign-in", decision: .deny,
                                reason: "account disabled", purpose: "sign-in")
            return try await refuse(req, username: form.username,
                                    message: "This account is disabled. If you still need Lantern, ask your partner administrator.")
        }
        if try await security.totpSecret(user: user.id) != nil {
            req.session.data["pending-user"] = user.id.uuidString
            return req.redirect(to: "/sign-in/code")
        }
        return try await complete(req, user: user)
    }

    /// One password check per attempt, whatever the account: against its
    /// hash, or against a dummy of the same cost when there is none to check
    /// (unknown username, locked account). Answering an unknown username
    /// without the bcrypt work took 1 ms against 195 ms and told which
    /// usernames exist. Only a real hash can answer true.
    static func checkPassword(_ req: Request, _ password: String, against hash: String?) async throws -> Bool {
        let verified = try await req.application.passwordVerifier.verify(req, password, hash ?? PasswordVerifier.dummyHash)
        return hash != nil && verified
    }

    func codePage(req: Request) async throws -> View {
        try await req.renderPage("sign-in-code", SignInPage(csrf: req.csrfToken))
    }

    /// The second step for accounts with a second factor.
    func code(req: Request) async throws -> Response {
        try req.requireCSRF()
        struct Form: Content { var code: String }
        let code = (try? req.content.decode(Form.self).code) ?? ""
        let sql = try req.sql()
        let security = AccountSecurityRepository(database: sql)
        guard let id = req.session.data["pending-user"].flatMap(UUID.init(uuidString:)),
              let user = try await UserRepository(database: sql).find(id: id),
              let sealed = try await security.totpSecret(user: id) else {
            return req.redirect(to: "/sign-in")
        }
        let secret = try req.application.secretBox.open(sealed)
        let locked = try await security.lockedUntil(user: id, now: Date()) != nil
        let step = locked ? nil : TOTP(secret: secret).matchingStep(code, at: req.application.secondFactorClock())
        // A code works once: claimed in the store, so a replay fails on every process (ASVS 6.5.1).
        let fresh = try await step.asyncMap { try await security.claimTOTPStep(user: id, step: $0) } ?? false
        guard !locked, step != nil, fresh else {
            var reason = step != nil && !fresh ? "second-factor code already used" : "wrong second-factor code"
            if try await security.recordFailure(user: id, limit: Self.lockAfter, lockFor: Self.lockFor, now: Date()) {
                reason += "; account locked for 15 minutes"
                req.session.data["pending-user"] = nil
            }
            try await req.audit(.signIn, subject: "user:\(id.uuidString)", resource: "sign-in-code", decision: .deny,
                                reason: reason, purpose: "sign-in")
            let page = SignInPage(csrf: req.csrfToken, error: step != nil && !fresh
                ? "That code has been used already. Wait for your authenticator app to show the next code, and enter that."
                : "That code is not right. Use the code your authenticator app shows now.")
            return try await req.renderPage("sign-in-code", page).encodeResponse(status: .unauthorized, for: req)
        }
        return try await complete(req, user: user)
    }

    private func complete(_ req: Request, user: StoredUser) async throws -> Response {
        // A new session id on sign-in stops a planted session being reused.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data["user"] = user.id.uuidString
        req.session.data[SessionsController.browserKey] = BrowserSummary.of(req.headers.first(name: .userAgent))
        SessionLifetime.start(&req.session.data, now: Date())
        try await AccountSecurityRepository(database: try req.sql()).recordSuccess(user: user.id)
        try await AccountAdministrationRepository(database: try req.sql()).recordSignIn(of: user.id, at: Date())
        req.logger.info("signed in", metadata: ["user": .string(user.id.uuidString)])
        req.auth.login(Caller(user))
        try await req.audit(.signIn, subject: "user:\(user.id.uuidString)", resource: "sign-in",
                            reason: "credentials accepted", purpose: "sign-in")
        // A password an administrator chose is changed first (``PasswordChangeController``).
        let response = req.redirect(to: user.mustChangePassword ? PasswordChangeController.path : Navigation.landing(for: user.roles))
        // The new session's anti-forgery token, for a client that changes
        // things through the API with this session (forms carry it anyway).
        response.headers.replaceOrAdd(name: AntiForgery.header, value: req.csrfToken)
        return response
    }

    private func refuse(_ req: Request, username: String, message: String,
                        status: HTTPResponseStatus = .unauthorized) async throws -> Response {
        let page = SignInPage(csrf: req.csrfToken, error: message, username: username)
        return try await req.renderPage("sign-in", page).encodeResponse(status: status, for: req)
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        return formatter.string(from: date)
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
