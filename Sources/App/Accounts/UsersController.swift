import Foundation
import Policy
import Storage
import Vapor

/// `/users`: administrators manage accounts. A partner administrator makes
/// their own partner's practitioners and panel chairs, sets their roles,
/// disables them (their sessions end at once) and resets a
/// lost second factor; a system administrator does the same for anyone,
/// partner administrators included. Who may do what is
/// ``AccountManagement``'s decision; every change and refusal is audited.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: page)
        users.post(use: create)
        users.post(":id", "roles", use: setRoles)
        users.post(":id", "disable", use: disable)
        users.post(":id", "reset-second-factor", use: resetSecondFactor)
        users.post(":id", "reset-password", use: resetPassword)
    }

    struct CreateForm: Content {
        var username: String?
        var displayName: String?
        var partner: String?
        var roles: [String]?
    }

    struct RolesForm: Content { var roles: [String]? }

    /// The caller and the partners whose accounts they manage; a 403 (audited) for anyone managing none.
    func managed(_ req: Request) async throws -> (Caller, [String]) {
        let caller = try req.caller
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let all = try await PartnershipRepository(database: try req.sql()).partners().map(\.slug)
        let partners = all.filter { Capability.manageAccounts.decide(for: requester, partner: $0) == nil }
        if partners.isEmpty { _ = try await req.requireCapability(.manageAccounts, partner: caller.partner, subject: "accounts") }
        return (caller, partners)
    }

    /// Refuses (and audits) a change to an account of `partner` holding `roles` that the caller may not make.
    static func requireManager(_ req: Request, _ caller: Caller, partner: String, roles: Set<Role>, subject: String) async throws {
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        guard let denial = AccountManagement.refusal(manager: requester, accountPartner: partner, roles: roles) else { return }
        try await req.audit(.accessDecision, subject: subject, resource: "account-management", decision: .deny,
                            reason: String(denial.description.prefix(500)), purpose: "governance")
        throw Refusal.policy(denial)
    }

    func page(req: Request) async throws -> Response {
        let (caller, partners) = try await managed(req)
        let done = try? req.query.get(String.self, at: "done")
        return try await UsersPage.render(req, caller: caller, partners: partners, message: done.flatMap(UsersPage.doneMessage))
    }

    func create(req: Request) async throws -> Response {
        let (caller, partners) = try await managed(req)
        let form = try req.content.decode(CreateForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let displayName = (form.displayName ?? "").trimmingCharacters(in: .whitespaces)
        let partner = form.partner.flatMap { $0.isEmpty ? nil : $0 } ?? caller.partner
        let roles = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        let users = UserRepository(database: try req.sql())
        var problems: [UsersPage.Problem] = []
        if username.count < 3 || username.count > 40 || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }) {
            problems.append(.init(field: "username", text: "Enter a username of 3 to 40 letters, digits, dots, hyphens or underscores."))
        } else if try await users.find(username: username) != nil {
            problems.append(.init(field: "username", text: "The username \(username) is taken: choose another."))
        }
        if displayName.isEmpty || displayName.count > 100 {
            problems.append(.init(field: "displayName", text: "Enter the person's name as colleagues know it (up to 100 characters)."))
        }
        if roles.isEmpty { problems.append(.init(field: "roles", text: "Choose at least one role.")) }
        if !partners.contains(partner) { problems.append(.init(field: "partner", text: "Choose one of the partners listed.")) }
        if !problems.isEmpty {
            return try await UsersPage.render(req, caller: caller, partners: partners, problems: problems,
                                              draft: .init(username: username, displayName: displayName, partner: partner))
        }
        try await Self.requireManager(req, caller, partner: partner, roles: roles, subject: "account:new")
        // A one-time password, shown once to the administrator, who passes it on
        // in person or by phone; it is stored only as a hash, and the person
        // must change it at first sign-in (the administrator knows it).
        let password = Self.oneTimePassword()
        let hash = try await req.password.async.hash(password)
        let ordered = Role.allCases.filter(roles.contains).map(\.rawValue)
        let id = try await users.create(username: username, displayName: displayName, partner: partner, roles: ordered,
                                        passwordHash: hash, mustChangePassword: true, at: Date())
        try await req.audit(.write, subject: "user:\(id.uuidString)", resource: "account:create",
                            reason: "account made for \(partner) with roles \(ordered.joined(separator: ", "))", purpose: "governance")
        let response = try await UsersPage.render(req, caller: caller, partners: partners,
                                                  created: .init(username: username, password: password))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The account named in the path, with the caller's right to manage it (for its roles and `adding`) checked.
    private func account(_ req: Request, adding: Set<Role> = [], action: String) async throws -> (Caller, StoredUser) {
        let caller = try req.caller
        let id = try req.parameters.id(of: "account")
        guard let user = try await UserRepository(database: try req.sql()).find(id: id) else {
            throw Abort(.notFound, reason: "no account has that id: reload /users")
        }
        let held = Set(user.roles.compactMap(Role.init(rawValue:)))
        try await Self.requireManager(req, caller, partner: user.partner, roles: held.union(adding), subject: "user:\(id.uuidString)")
        if user.id == caller.userID, action != "reset-second-factor" {
            if action == "reset-password" { throw Abort(.unprocessableEntity, reason: "change your own password at /account/password") }
            throw Abort(.unprocessableEntity, reason: "you cannot \(action == "disable" ? "disable your own account" : "change your own roles"): ask another administrator")
        }
        return (caller, user)
    }

    func setRoles(req: Request) async throws -> Response {
        let roles = Set(try req.content.decode(RolesForm.self).roles?.compactMap(Role.init(rawValue:)) ?? [])
        guard !roles.isEmpty else { throw Abort(.unprocessableEntity, reason: "choose at least one role; to end someone's access, disable the account") }
        let (_, user) = try await account(req, adding: roles, action: "roles")
        let ordered = Role.allCases.filter(roles.contains).map(\.rawValue)
        try await AccountAdministrationRepository(database: try req.sql()).setRoles(of: user.id, to: ordered)
        try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:roles",
                            reason: "roles \(user.roles.joined(separator: ", ")) -> \(ordered.joined(separator: ", "))", purpose: "governance")
        return req.redirect(to: "/users?done=roles")
    }

    func disable(req: Request) async throws -> Response {
        let (_, user) = try await account(req, action: "disable")
        if try await AccountAdministrationRepository(database: try req.sql()).disable(user.id, at: Date()) {
            // Ended in the store, so on every Lantern process, now.
            let ended = try await SessionRepository(database: try req.sql()).endAll(of: user.id)
            try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:disable",
                                reason: "account disabled: its \(ended) session(s) ended", purpose: "governance")
        }
        return req.redirect(to: "/users?done=disabled")
    }

    static func oneTimePassword() -> String {
        [UInt8].random(count: 12).base64.replacingOccurrences(of: "/", with: "x").replacingOccurrences(of: "+", with: "y")
    }

    /// A forgotten password: a new one-time password, shown once; the
    /// person's sessions end at once and they choose their own at next sign-in.
    func resetPassword(req: Request) async throws -> Response {
        let (caller, user) = try await account(req, action: "reset-password")
        let password = Self.oneTimePassword()
        let sql = try req.sql()
        try await UserRepository(database: sql).setPassword(of: user.id, hash: try await req.password.async.hash(password), mustChange: true)
        try await AccountSecurityRepository(database: sql).recordSuccess(user: user.id)
        let ended = try await SessionRepository(database: sql).endAll(of: user.id)
        try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:reset-password",
                            reason: "password reset by an administrator: to be changed at next sign-in; \(ended) session(s) ended",
                            purpose: "governance")
        let partners = try await managed(req).1
        let response = try await UsersPage.render(req, caller: caller, partners: partners,
                                                  created: .init(username: user.username, password: password, reset: true))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func resetSecondFactor(req: Request) async throws -> Response {
        let (_, user) = try await account(req, action: "reset-second-factor")
        try await AccountSecurityRepository(database: try req.sql()).setTOTPSecret(user: user.id, sealed: nil)
        try await req.audit(.write, subject: "user:\(user.id.uuidString)", resource: "account:reset-second-factor",
                            reason: "second factor removed: the person sets a new one at /account/two-factor", purpose: "governance")
        return req.redirect(to: "/users?done=second-factor")
    }
}
