@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A second-factor code works once (ASVS 6.5.1): a code seen over a
/// shoulder or replayed is refused within its window, on SQLite and PostgreSQL.
@Suite struct TOTPReplayTests {
    /// RFC 6238 appendix B's SHA-1 secret and times: the step each code belongs to.
    @Test func theMatchingStepIsTheCodesOwnWithinOneStepEitherSide() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let time = Date(timeIntervalSince1970: 1_111_111_109)
        let step = Int64(1_111_111_109 / 30)
        #expect(totp.matchingStep(totp.code(counter: UInt64(step)), at: time) == step)
        #expect(totp.matchingStep(totp.code(counter: UInt64(step - 1)), at: time) == step - 1)
        #expect(totp.matchingStep(totp.code(counter: UInt64(step + 1)), at: time) == step + 1)
        #expect(totp.matchingStep(totp.code(counter: UInt64(step + 2)), at: time) == nil)
        #expect(totp.matchingStep("12345", at: time) == nil)
    }

    @Test(arguments: TestStore.available)
    func aCodeThatSignedSomeoneInIsRefusedTheSecondTimeAndAudited(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "pat")
            let user = try #require(try await UserRepository(database: sql).find(username: "pat"))
            let secret = Array("a test secret 20 byt".utf8)
            try await AccountSecurityRepository(database: sql).setTOTPSecret(user: user.id, sealed: try app.secretBox.seal(secret))
            // The server checks codes at this instant however long the run takes.
            let now = Date()
            app.secondFactorClock = { now }
            let code = TOTP(secret: secret).code(at: now)
            var first = PageClient(app: app)
            _ = try await first.signIn("pat", "correct horse battery")
            _ = try await first.send(.GET, "/sign-in/code")
            #expect(try await first.send(.POST, "/sign-in/code", form: ["code": code, "csrf": first.csrf ?? ""])
                .headers.first(name: .location) == "/home")
            // act: the same code again, from another browser
            var replay = PageClient(app: app)
            _ = try await replay.signIn("pat", "correct horse battery")
            _ = try await replay.send(.GET, "/sign-in/code")
            let refused = try await replay.send(.POST, "/sign-in/code", form: ["code": code, "csrf": replay.csrf ?? ""])
            // validate
            #expect(refused.status == .unauthorized)
            #expect(refused.body.string.contains("That code has been used already"))
            #expect(try await replay.send(.GET, "/home").status == .seeOther, "not signed in")
            let reasons = try await sql.select().column("reason").from("audit_entries").where("resource", .equal, "sign-in-code")
                .all().map { try $0.decode(column: "reason", as: String.self) }
            #expect(reasons == ["second-factor code already used"])
            // The next step's code is still good.
            let next = TOTP(secret: secret).code(counter: UInt64(now.timeIntervalSince1970 / 30) + 1)
            #expect(try await replay.send(.POST, "/sign-in/code", form: ["code": next, "csrf": replay.csrf ?? ""])
                .headers.first(name: .location) == "/home")
        }
    }

    @Test(arguments: TestStore.available)
    func aStepIsClaimedOnceAndOnlyForward(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "pat")
            let user = try #require(try await UserRepository(database: sql).find(username: "pat"))
            let security = AccountSecurityRepository(database: sql)
            #expect(try await security.claimTOTPStep(user: user.id, step: 100))
            #expect(try await !security.claimTOTPStep(user: user.id, step: 100))
            #expect(try await !security.claimTOTPStep(user: user.id, step: 99))
            #expect(try await security.claimTOTPStep(user: user.id, step: 101))
            try await security.setTOTPSecret(user: user.id, sealed: nil)
            #expect(try await security.claimTOTPStep(user: user.id, step: 50), "a new second factor starts afresh")
        }
    }
}
