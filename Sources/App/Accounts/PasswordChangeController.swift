import Foundation
import Storage
import Vapor

/// `/account/password`: a person changes their own password, giving the
/// current one (ASVS 6.2.2, 6.2.3).
///
/// When an administrator chose the password (a new account, a reset), the
/// administrator knows it too, so ``RequireCaller`` sends the person here
/// before any other page, and the API refuses with
/// ``Refusal/passwordChangeRequired``, until it is changed. A change ends the
/// person's other sessions, since whoever knew the old password may hold one.
struct PasswordChangeController: RouteCollection {
    static let path = "/account/password"
    /// The only paths open to someone who must change their password (sign-out is outside the signed-in group).
    static let paths: Set<String> = [path]
    /// As `lantern user add`; no composition rules (ASVS 6.2.5).
    static let minimumLength = 12

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "password", use: page)
        routes.post("account", "password", use: change)
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var required: Bool
        var problems: [UsersPage.Problem]
        var hasProblems: Bool
    }

    struct Form: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    func page(req: Request) async throws -> View {
        try await render(req, problems: [])
    }

    func change(req: Request) async throws -> Response {
        let caller = try req.caller
        let users = UserRepository(database: try req.sql())
        guard let user = try await users.find(id: caller.userID) else { throw Refusal.notSignedIn }
        let form = try req.content.decode(Form.self)
        let current = form.current ?? "", new = form.new ?? ""
        var problems: [UsersPage.Problem] = []
        // Checked whatever else is wrong: one bcrypt verify per attempt, as at sign-in.
        if try await !req.application.passwordVerifier.verify(req, current, user.passwordHash) {
            problems.append(.init(field: "current", text: "Your current password is not right: enter the one you signed in with."))
        }
        if new.count < Self.minimumLength {
            problems.append(.init(field: "new", text: "Choose a new password of at least \(Self.minimumLength) characters; a few words together are easy to remember."))
        } else if new == current {
            problems.append(.init(field: "new", text: "Choose a password different from the current one."))
        } else if form.confirm != new {
            problems.append(.init(field: "confirm", text: "The two new passwords are not the same: type the new one again."))
        }
        if !problems.isEmpty {
            try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:password", decision: .deny,
                                reason: "password not changed: " + problems.map(\.field).joined(separator: ", "), purpose: "account")
            return try await render(req, problems: problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await users.setPassword(of: user.id, hash: try await req.password.async.hash(new), mustChange: false)
        var ended = 0
        if let id = req.session.id {
            ended = try await SessionRepository(database: try req.sql()).endAll(of: user.id, except: StoredSessions.hash(id))
        }
        try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:password",
                            reason: "password changed\(user.mustChangePassword ? " after an administrator set it" : ""); \(ended) other session(s) ended",
                            purpose: "account")
        return req.redirect(to: Navigation.landing(for: user.roles))
    }

    private func render(_ req: Request, problems: [UsersPage.Problem]) async throws -> View {
        let caller = try req.caller
        let required = try await UserRepository(database: try req.sql()).find(id: caller.userID)?.mustChangePassword ?? false
        return try await req.renderPage("account-password", Page(caller: .init(caller), csrf: req.csrfToken, required: required,
                                                                  problems: problems, hasProblems: !problems.isEmpty))
    }
}
