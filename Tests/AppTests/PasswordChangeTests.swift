import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A password an administrator chose (a new account, a reset) is known to
/// them too, so the person changes it before any other page or API call; a
/// change needs the current password and ends the person's other sessions.
@Suite struct PasswordChangeTests {
    static let newPassword = "a long new pass phrase"

    /// Makes `new.worker` through /users as a partner administrator; returns the one-time password.
    static func madeByAnAdministrator(_ app: Application) async throws -> String {
        try await addUser(app, "padmin", partner: "test-police", roles: ["partner-admin"])
        var admin = PageClient(app: app)
        _ = try await admin.signIn("padmin", "correct horse battery")
        _ = try await admin.send(.GET, "/users")
        let made = try await admin.send(.POST, "/users", form: [
            "csrf": admin.csrf ?? "", "username": "new.worker", "displayName": "New Worker",
            "partner": "test-police", "roles[]": "practitioner"])
        return String(try #require(made.body.string.firstMatch(of: /<code id="one-time-password">([^<]+)<\/code>/)).1)
    }

    static func count(_ app: Application, resource: String, decision: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column("sequence").from("audit_entries")
            .where("resource", .equal, resource).where("decision", .equal, decision).all().count
    }

    @Test(arguments: TestStore.available)
    func aNewAccountChangesItsPasswordBeforeAnyOtherPageOrCall(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let password = try await Self.madeByAnAdministrator(app)
            var worker = PageClient(app: app)
            // act
            let signedIn = try await worker.signIn("new.worker", password)
            let home = try await worker.send(.GET, "/home")
            let people = try await worker.send(.GET, "/people?name=doe")
            let api = try await worker.send(.GET, "/api/v1/audit/heads")
            let form = try await worker.send(.GET, "/account/password")
            // validate
            #expect(signedIn.headers.first(name: .location) == "/account/password")
            #expect(home.status == .seeOther && home.headers.first(name: .location) == "/account/password")
            #expect(people.status == .seeOther && people.headers.first(name: .location) == "/account/password")
            #expect(api.status == .forbidden && api.body.string.contains(#""code":"password-change-required""#))
            #expect(form.status == .ok && form.body.string.contains(#"id="password-change-required""#))
            #expect(try await Self.count(app, resource: "/api/v1/audit/heads", decision: "deny") == 1, "the API refusal is audited")

            // Each mistake is named and linked to its field; nothing changes.
            let cases: [([String: String], String)] = [
                (["current": "not the password", "new": Self.newPassword, "confirm": Self.newPassword], "#current"),
                (["current": password, "new": "too short", "confirm": "too short"], "#new"),
                (["current": password, "new": password, "confirm": password], "#new"),
                (["current": password, "new": Self.newPassword, "confirm": Self.newPassword + "!"], "#confirm"),
            ]
            for (fields, anchor) in cases {
                let refused = try await worker.send(.POST, "/account/password", form: fields.merging(["csrf": worker.csrf ?? ""]) { a, _ in a })
                #expect(refused.status == .unprocessableEntity, "\(anchor)")
                #expect(refused.body.string.contains(#"<a href="\#(anchor)">"#), "\(anchor) is linked from the error summary")
            }
            #expect(try await worker.send(.GET, "/home").headers.first(name: .location) == "/account/password")

            let changed = try await worker.send(.POST, "/account/password", form: [
                "csrf": worker.csrf ?? "", "current": password, "new": Self.newPassword, "confirm": Self.newPassword])
            #expect(changed.headers.first(name: .location) == "/home")
            #expect(try await worker.send(.GET, "/home").status == .ok)
            #expect(try await worker.send(.GET, "/api/v1/audit/heads").status == .ok)
            var again = PageClient(app: app)
            #expect(try await again.signIn("new.worker", password).status == .unauthorized, "the one-time password is spent")
            #expect(try await again.signIn("new.worker", Self.newPassword).headers.first(name: .location) == "/home")
            #expect(try await Self.count(app, resource: "account:password", decision: "deny") == 4)
            #expect(try await Self.count(app, resource: "account:password", decision: "permit") == 1)
        }
    }

    @Test(arguments: TestStore.available)
    func anAdministratorsResetEndsTheSessionsAndTheNewPasswordIsChangedFirst(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "sysadmin", partner: "test-police", roles: ["admin"])
            try await addUser(app, "pat")
            let pat = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "pat"))
            var patClient = PageClient(app: app)
            _ = try await patClient.signIn("pat", "correct horse battery")
            #expect(try await patClient.send(.GET, "/home").status == .ok)
            var admin = PageClient(app: app)
            _ = try await admin.signIn("sysadmin", "correct horse battery")
            _ = try await admin.send(.GET, "/users")
            // act
            let reset = try await admin.send(.POST, "/users/\(pat.id.uuidString)/reset-password", form: ["csrf": admin.csrf ?? ""])
            // validate
            #expect(reset.status == .ok && reset.headers.first(name: .cacheControl) == "no-store")
            #expect(reset.body.string.contains("Password of pat reset"))
            let password = String(try #require(reset.body.string.firstMatch(of: /<code id="one-time-password">([^<]+)<\/code>/)).1)
            #expect(try await patClient.send(.GET, "/home").headers.first(name: .location) == "/sign-in", "the session ended at once")
            var fresh = PageClient(app: app)
            #expect(try await fresh.signIn("pat", "correct horse battery").status == .unauthorized)
            #expect(try await fresh.signIn("pat", password).headers.first(name: .location) == "/account/password")
            #expect(try await Self.count(app, resource: "account:reset-password", decision: "permit") == 1)
            let own = try await admin.send(.POST, "/users/\(try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "sysadmin")).id.uuidString)/reset-password",
                                           form: ["csrf": admin.csrf ?? ""])
            #expect(own.status == .unprocessableEntity, "an administrator changes their own at /account/password")
        }
    }

    @Test func changingYourOwnPasswordEndsYourOtherSessionsButNotThisOne() async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "pat")
            var laptop = PageClient(app: app), phone = PageClient(app: app)
            _ = try await laptop.signIn("pat", "correct horse battery")
            _ = try await phone.signIn("pat", "correct horse battery")
            _ = try await laptop.send(.GET, "/account/password")
            // act
            let changed = try await laptop.send(.POST, "/account/password", form: [
                "csrf": laptop.csrf ?? "", "current": "correct horse battery", "new": Self.newPassword, "confirm": Self.newPassword])
            // validate
            #expect(changed.status == .seeOther)
            #expect(try await laptop.send(.GET, "/home").status == .ok)
            #expect(try await phone.send(.GET, "/home").headers.first(name: .location) == "/sign-in")
        }
    }
}
