import Foundation
import Policy
import Storage
import Vapor

/// The accounts page: the accounts a caller manages, with last sign-in and
/// state, and the form to make one. Problems name their field, and the
/// summary at the top links to it.
struct UsersPage: Encodable {
    var caller: CallerView
    var csrf: String
    var rows: [Row]
    var partners: [String]
    var roleOptions: [Option]
    var problems: [Problem]
    var draft: Draft
    var created: Created?
    var message: String?

    struct Row: Encodable {
        var id: String
        var username: String
        var displayName: String
        var partner: String
        var roles: String
        var roleOptions: [Option]
        var lastSignIn: String
        var disabled: Bool
        var state: String
        var secondFactor: String
        var manageable: Bool
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Problem: Encodable {
        var field: String
        var text: String
    }

    struct Draft: Encodable {
        var username = ""
        var displayName = ""
        var partner = ""
    }

    struct Created: Encodable {
        var username: String
        var password: String
        /// A reset of an existing account's password, not a new account.
        var reset = false
    }

    static func doneMessage(_ done: String) -> String? {
        switch done {
        case "roles": "The roles are changed."
        case "disabled": "The account is disabled: its sessions have ended, and it cannot sign in."
        case "second-factor": "The second factor is removed: the person signs in with their password and sets a new one."
        default: nil
        }
    }

    static func render(_ req: Request, caller: Caller, partners: [String], problems: [Problem] = [], draft: Draft = .init(),
                       created: Created? = nil, message: String? = nil) async throws -> Response {
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let grantable = AccountManagement.grantable(by: requester)
        let accounts = try await AccountAdministrationRepository(database: try req.sql()).accounts(partners: partners)
        let rows = accounts.map { account in
            let held = Set(account.roles.compactMap(Role.init(rawValue:)))
            let manageable = account.id != caller.userID
                && AccountManagement.refusal(manager: requester, accountPartner: account.partner, roles: held) == nil
            return Row(id: account.id.uuidString, username: account.username, displayName: account.displayName, partner: account.partner,
                       roles: Role.allCases.filter(held.contains).map(\.label).joined(separator: ", "),
                       roleOptions: grantable.map { Option(value: $0.rawValue, label: $0.label, checked: held.contains($0)) },
                       lastSignIn: account.lastSignInAt.map(GovernanceTime.text) ?? "never",
                       disabled: account.disabledAt != nil,
                       state: account.disabledAt.map { "Disabled " + GovernanceTime.text($0) } ?? "Active",
                       secondFactor: account.hasSecondFactor ? "Set" : "Not set", manageable: manageable)
        }
        let page = UsersPage(caller: .init(caller), csrf: req.csrfToken, rows: rows, partners: partners,
                             roleOptions: grantable.map { Option(value: $0.rawValue, label: $0.label, checked: false) },
                             problems: problems, draft: draft, created: created, message: message)
        let response = try await req.renderPage("users", page).encodeResponse(for: req)
        if !problems.isEmpty { response.status = .unprocessableEntity }
        return response
    }
}
