@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct AccountSecurityTests {
    /// RFC 6238 appendix B (SHA-1), last six digits of the eight shown there.
    @Test(arguments: [(59.0, "287082"), (1_111_111_109.0, "081804"), (1_234_567_890.0, "005924"), (20_000_000_000.0, "353130")])
    func totpKnownAnswers(_ time: Double, _ code: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        #expect(totp.code(at: Date(timeIntervalSince1970: time)) == code)
        #expect(totp.verify(code, at: Date(timeIntervalSince1970: time + 30)))
        #expect(!totp.verify(code, at: Date(timeIntervalSince1970: time + 95)))
    }

    @Test func base32KnownAnswer() {
        #expect(TOTP.base32(Array("foobar".utf8)) == "MZXW6YTBOI")
    }

    func auditReasons(_ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).select().column("reason").from("audit_entries").orderBy("sequence").all()
            .map { try $0.decode(column: "reason", as: String.self) }
    }

    @Test func repeatedFailuresLockTheAccountAndAreAudited() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            for _ in 0..<SignInController.lockAfter {
                #expect(try await client.signIn("pat", "wrong password").status == .unauthorized)
            }
            let locked = try await client.signIn("pat", "correct horse battery")
            #expect(locked.status == .unauthorized)
            #expect(locked.body.string.contains("locked"))
            let reasons = try await auditReasons(app)
            #expect(reasons.contains("wrong username or password; account locked for 15 minutes"))
            #expect(reasons.last == "account locked")
        }
    }

    @Test func aSecondFactorIsRequiredAndAWrongCodeIsRefusedAndAudited() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            let user = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "pat"))
            let secret = Array("a test secret 20 byt".utf8)
            try await AccountSecurityRepository(database: app.db as! any SQLDatabase)
                .setTOTPSecret(user: user.id, sealed: try app.secretBox.seal(secret))
            var client = PageClient(app: app)
            let first = try await client.signIn("pat", "correct horse battery")
            #expect(first.headers.first(name: .location) == "/sign-in/code")
            #expect(try await client.send(.GET, "/people").status == .seeOther, "not signed in before the code")
            _ = try await client.send(.GET, "/sign-in/code")
            let good = TOTP(secret: secret).code(at: Date())
            let wrong = String(good.map { $0 == "9" ? "0" : Character(String(($0.wholeNumberValue! + 1) % 10)) })
            let refused = try await client.send(.POST, "/sign-in/code", form: ["code": wrong, "csrf": client.csrf ?? ""])
            #expect(refused.status == .unauthorized)
            #expect(try await auditReasons(app).last == "wrong second-factor code")
            let accepted = try await client.send(.POST, "/sign-in/code", form: ["code": good, "csrf": client.csrf ?? ""])
            #expect(accepted.headers.first(name: .location) == "/home")
            #expect(try await client.send(.GET, "/people").status == .ok)
        }
    }

    @Test func forgedAndReplayedSessionsAreRefused() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            var forged = PageClient(app: app)
            forged.cookie = "lantern-session=" + [UInt8].random(count: 32).base64
            #expect(try await forged.send(.GET, "/people").status == .seeOther)
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let stolen = client.cookie
            #expect(try await client.send(.GET, "/people").status == .ok)
            _ = try await client.send(.POST, "/sign-out", form: ["csrf": client.csrf ?? ""])
            var replay = PageClient(app: app)
            replay.cookie = stolen
            #expect(try await replay.send(.GET, "/people").status == .seeOther)
        }
    }

    @Test func partnerTokensLoadOnlyTheirOwnPartnersExtracts() async throws {
        try await withApp(.sqlite) { app in
            let token = APIToken.make()
            _ = try await AccountSecurityRepository(database: app.db as! any SQLDatabase).addToken(
                name: "Police nightly", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(token), at: Date())
            var client = PageClient(app: app)
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let own = try await client.send(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers, body: ImportTests.people)
            #expect(own.status == .ok)
            let other = try await client.send(.POST, "/api/v1/imports?partner=test-council&kind=people", headers: headers, body: ImportTests.people)
            #expect(other.status == .forbidden)
            let people = try await client.send(.GET, "/api/v1/people?name=doe", headers: headers)
            #expect(!people.body.string.contains("Jane"), "a feed token reads no case data")
            headers.bearerAuthorization = BearerAuthorization(token: "lnt_not-a-token")
            #expect(try await client.send(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers, body: "x").status == .unauthorized)
        }
    }
}
