import LanternDomain
import NIOConcurrencyHelpers
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

    /// Failures slow down the source that made them, not the account: the
    /// owner signing in from elsewhere is never kept out (see SignInThrottleTests).
    @Test(arguments: TestStore.available)
    func repeatedFailuresMakeTheirSourceWaitWhileTheOwnerSignsInFromAnother(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 1_900_000_000))
            app.signInClock = { clock.withLockedValue { $0 } }
            try await addUser(app, "pat")
            let limits = SignInThrottle.Limits()
            let attacker: HTTPHeaders = ["X-Forwarded-For": "203.0.113.7"]
            var guesser = PageClient(app: app)
            _ = try await guesser.send(.GET, "/sign-in")
            func guess(_ password: String) async throws -> TestingHTTPResponse {
                try await guesser.send(.POST, "/sign-in", form: ["username": "pat", "password": password, "csrf": guesser.csrf ?? ""],
                                       headers: attacker)
            }
            for _ in 0..<limits.pairFree {
                #expect(try await guess("wrong password").status == .unauthorized)
            }
            let waiting = try await guess("correct horse battery")
            #expect(waiting.status == .tooManyRequests, "even the right password waits from the guessing source")
            #expect(waiting.body.string.contains("too many failed sign-ins from this computer or network"))

            var owner = PageClient(app: app)
            _ = try await owner.send(.GET, "/sign-in")
            let home = try await owner.send(.POST, "/sign-in", form: ["username": "pat", "password": "correct horse battery",
                                                                      "csrf": owner.csrf ?? ""], headers: ["X-Forwarded-For": "198.51.100.9"])
            #expect(home.status == .seeOther, "the owner at another source signs in")

            clock.withLockedValue { $0 = $0.addingTimeInterval(limits.firstWait + 1) }
            #expect(try await guess("correct horse battery").status == .seeOther, "the wait is over")

            let reasons = try await auditReasons(app)
            #expect(reasons.contains("wrong username or password; this source now waits before trying again"))
            #expect(reasons.contains("sign-in throttled: too many failures from this source"))
            // Neither the address nor the username is kept in plain text.
            let sql = app.db as! any SQLDatabase
            let audited = try await sql.select().columns("resource", "reason", "subject").from("audit_entries").all()
                .map { row in try ["resource", "reason", "subject"].map { try row.decode(column: $0, as: String.self) }.joined(separator: " ") }
            #expect(!audited.contains { $0.contains("203.0.113") || $0.contains("198.51.100") || $0.contains("pat") })
            let keys = try await sql.select().column("key").from("sign_in_throttles").all().map { try $0.decode(column: "key", as: String.self) }
            #expect(!keys.isEmpty && !keys.contains { $0.contains("203.0.113") || $0.contains("pat") })
        }
    }

    @Test func oneSourceGuessingAtManyAccountsWaitsAsASource() async throws {
        try await withApp(.sqlite) { app in
            let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 1_900_000_000))
            app.signInClock = { clock.withLockedValue { $0 } }
            try await addUser(app, "pat")
            let limits = SignInThrottle.Limits()
            var guesser = PageClient(app: app)
            _ = try await guesser.send(.GET, "/sign-in")
            for n in 0..<limits.sourceFree {
                let response = try await guesser.send(.POST, "/sign-in", form: ["username": "user\(n)", "password": "guess",
                                                                                  "csrf": guesser.csrf ?? ""], headers: ["X-Forwarded-For": "203.0.113.8"])
                #expect(response.status == .unauthorized)
            }
            let next = try await guesser.send(.POST, "/sign-in", form: ["username": "pat", "password": "correct horse battery",
                                                                         "csrf": guesser.csrf ?? ""], headers: ["X-Forwarded-For": "203.0.113.8"])
            #expect(next.status == .tooManyRequests, "a fresh username does not escape the source's wait")
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
