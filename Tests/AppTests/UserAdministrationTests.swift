import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Partner administrators manage their own partner's accounts, a system
/// administrator manages partner administrators, and every change is audited.
@Suite struct UserAdministrationTests {
    static func auditCount(_ app: Application, resource: String, decision: String = "permit") async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource = \(bind: resource) AND decision = \(bind: decision)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test func aPartnerAdministratorMakesAPractitionerWhoSignsInAndIsSeenSigningIn() async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "padmin", partner: "test-police", roles: ["partner-admin"])
            var admin = PageClient(app: app)
            _ = try await admin.signIn("padmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            // act
            let made = try await admin.send(.POST, "/users", form: [
                "csrf": admin.csrf ?? "", "username": "new.worker", "displayName": "New Worker",
                "partner": "test-police", "roles[]": "practitioner"])
            // validate
            #expect(made.status == .ok)
            let password = try #require(made.body.string.firstMatch(of: /<code id="one-time-password">([^<]+)<\/code>/)).1
            #expect(made.headers.first(name: .cacheControl) == "no-store")
            #expect(try await Self.auditCount(app, resource: "account:create") == 1)
            var worker = PageClient(app: app)
            let signedIn = try await worker.signIn("new.worker", String(password))
            #expect(signedIn.headers.first(name: .location) == "/account/password", "an administrator's password is changed first")
            let changed = try await worker.send(.POST, "/account/password", form: [
                "csrf": worker.csrf ?? "", "current": String(password), "new": "a long new pass phrase", "confirm": "a long new pass phrase"])
            #expect(changed.headers.first(name: .location) == "/home")
            let list = try await admin.send(.GET, "/users").body.string
            let row = try #require(list.range(of: "<td>new.worker</td>").map { String(list[$0.upperBound...].prefix(400)) })
            #expect(row.contains("practitioner"))
            #expect(!row.contains("<td>never</td>"), "the sign-in is shown")
        }
    }

    @Test func aPartnerAdministratorGivesNoRoleBeyondTheirPartnerAndManagesNoOtherPartner() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "padmin", partner: "test-police", roles: ["partner-admin"])
            try await addUser(app, "other", partner: "test-council", roles: ["practitioner"])
            try await addUser(app, "peer", partner: "test-police", roles: ["partner-admin"])
            let sql = app.db as! any SQLDatabase
            let other = try #require(try await UserRepository(database: sql).find(username: "other"))
            let peer = try #require(try await UserRepository(database: sql).find(username: "peer"))
            var admin = PageClient(app: app)
            _ = try await admin.signIn("padmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            let analyst = try await admin.send(.POST, "/users", form: [
                "csrf": admin.csrf ?? "", "username": "hub.person", "displayName": "Hub Person", "partner": "test-police", "roles[]": "analyst"])
            #expect(analyst.status == .forbidden)
            #expect(analyst.body.string.contains("Only a system administrator gives or manages the roles that reach beyond one partner"))
            #expect(try await UserRepository(database: sql).find(username: "hub.person") == nil)
            let elsewhere = try await admin.send(.POST, "/users/\(other.id.uuidString)/disable", form: ["csrf": admin.csrf ?? ""])
            #expect(elsewhere.status == .forbidden)
            let aPeer = try await admin.send(.POST, "/users/\(peer.id.uuidString)/disable", form: ["csrf": admin.csrf ?? ""])
            #expect(aPeer.status == .forbidden, "partner administrators are the system administrator's to manage")
            #expect(try await Self.auditCount(app, resource: "account-management", decision: "deny") == 3)
            #expect(try await UserRepository(database: sql).find(id: other.id)?.disabledAt == nil)
        }
    }

    @Test func disablingAnAccountEndsItsSessionAtOnceAndItSignsInNoMore() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "sysadmin", partner: "test-police", roles: ["admin"])
            try await addUser(app, "council-admin", partner: "test-council", roles: ["partner-admin"])
            let target = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "council-admin"))
            var them = PageClient(app: app)
            _ = try await them.signIn("council-admin", "correct horse battery")
            #expect(try await them.send(.GET, "/tokens").status == .ok)
            var admin = PageClient(app: app)
            _ = try await admin.signIn("sysadmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            let disabled = try await admin.send(.POST, "/users/\(target.id.uuidString)/disable", form: ["csrf": admin.csrf ?? ""])
            #expect(disabled.headers.first(name: .location) == "/users?done=disabled")
            let after = try await them.send(.GET, "/tokens")
            #expect(after.status == .seeOther && after.headers.first(name: .location)?.hasPrefix("/sign-in") == true,
                    "the live session ended on its next request")
            var again = PageClient(app: app)
            let refused = try await again.signIn("council-admin", "correct horse battery")
            #expect(refused.body.string.contains("This account is disabled"))
            #expect(try await Self.auditCount(app, resource: "account:disable") == 1)
        }
    }

    @Test func aSystemAdministratorResetsAPartnerAdministratorsSecondFactorAndSetsRoles() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "sysadmin", partner: "test-police", roles: ["admin"])
            try await addUser(app, "council-admin", partner: "test-council", roles: ["partner-admin"])
            let sql = app.db as! any SQLDatabase
            let target = try #require(try await UserRepository(database: sql).find(username: "council-admin"))
            try await AccountSecurityRepository(database: sql).setTOTPSecret(user: target.id, sealed: "sealed-secret")
            var admin = PageClient(app: app)
            _ = try await admin.signIn("sysadmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            let reset = try await admin.send(.POST, "/users/\(target.id.uuidString)/reset-second-factor", form: ["csrf": admin.csrf ?? ""])
            #expect(reset.status == .seeOther)
            #expect(try await AccountSecurityRepository(database: sql).totpSecret(user: target.id) == nil)
            let roles = try await admin.send(.POST, "/users/\(target.id.uuidString)/roles",
                                             form: ["csrf": admin.csrf ?? "", "roles[]": "practitioner"])
            #expect(roles.status == .seeOther)
            #expect(try await UserRepository(database: sql).find(id: target.id)?.roles == ["practitioner"])
            #expect(try await Self.auditCount(app, resource: "account:reset-second-factor") == 1)
            #expect(try await Self.auditCount(app, resource: "account:roles") == 1)
        }
    }

    @Test func aBadNewAccountIsA422WithAnErrorSummaryLinkingToEachField() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "padmin", partner: "test-police", roles: ["partner-admin"])
            var admin = PageClient(app: app)
            _ = try await admin.signIn("padmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            let page = try await admin.send(.POST, "/users", form: ["csrf": admin.csrf ?? "", "username": "x", "displayName": ""])
            #expect(page.status == .unprocessableEntity)
            for field in ["username", "displayName", "roles"] {
                #expect(page.body.string.contains(##"<a href="#\##(field)">"##), "the summary links to \(field)")
                #expect(page.body.string.contains(#"id="\#(field)-error""#))
            }
        }
    }
}
