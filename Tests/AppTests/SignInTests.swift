@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The audit entries' fields that sign-in tests look at, oldest first.
struct AuditRow: Equatable {
    var action: String
    var subject: String
    var resource: String
    var decision: String
    var reason: String

    static func all(_ app: Application) async throws -> [AuditRow] {
        try await (app.db as! any SQLDatabase).select().columns("action", "subject", "resource", "decision", "reason")
            .from("audit_entries").orderBy("sequence").all().map { row in
                AuditRow(action: try row.decode(column: "action", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                         resource: try row.decode(column: "resource", as: String.self),
                         decision: try row.decode(column: "decision", as: String.self), reason: try row.decode(column: "reason", as: String.self))
            }
    }
}

/// Counts the password checks sign-in makes, and against which hashes.
actor PasswordChecks {
    private(set) var hashes: [String] = []
    func record(_ hash: String) { hashes.append(hash) }

    /// A bcrypt verifier that records each call before checking.
    nonisolated func verifier() -> PasswordVerifier {
        PasswordVerifier { request, password, hash in
            await self.record(hash)
            return try await request.password.async.verify(password, created: hash)
        }
    }
}

@Suite struct SignInTests {
    /// The accounts an HTTP Basic caller might present, and the password sent.
    enum BasicAttempt: String, CaseIterable, CustomTestStringConvertible {
        case rightPassword, wrongPassword, lockedAccount, secondFactorAccount, unknownUsername
        var testDescription: String { rawValue }
    }

    @Test(arguments: BasicAttempt.allCases)
    func httpBasicIsRefusedOnTheAPIAndAuditedWhateverTheCredentials(_ attempt: BasicAttempt) async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "pat")
            let sql = app.db as! any SQLDatabase
            let pat = try #require(try await UserRepository(database: sql).find(username: "pat"))
            let security = AccountSecurityRepository(database: sql)
            var username = "pat", password = "correct horse battery"
            switch attempt {
            case .rightPassword: break
            case .wrongPassword: password = "wrong password"
            case .lockedAccount:
                for _ in 0..<SignInController.lockAfter {
                    _ = try await security.recordFailure(user: pat.id, limit: SignInController.lockAfter, lockFor: 900, now: Date())
                }
                #expect(try await security.lockedUntil(user: pat.id, now: Date()) != nil)
            case .secondFactorAccount:
                try await security.setTOTPSecret(user: pat.id, sealed: try app.secretBox.seal(Array("a test secret 20 byt".utf8)))
            case .unknownUsername: username = "nobody"
            }
            let before = try await AuditRow.all(app).count
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.basicAuthorization = BasicAuthorization(username: username, password: password)
            // act
            let read = try await app.testing().sendRequest(.GET, "/api/v1/audit/heads", headers: headers)
            let load = try await app.testing().sendRequest(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers) {
                $0.body = ByteBuffer(string: ImportTests.people)
            }
            // validate
            for response in [read, load] {
                #expect(response.status == .unauthorized)
                #expect(response.headers.contentType == .json)
                #expect(response.body.string.contains("lantern token add"))
                #expect(response.body.string.contains("sign"))
            }
            let entries = try await AuditRow.all(app).dropFirst(before)
            let subject = attempt == .unknownUsername ? "unknown-username" : "user:\(pat.id.uuidString)"
            #expect(Array(entries) == Array(repeating: AuditRow(action: "sign_in", subject: subject, resource: "api-basic", decision: "deny",
                                                                reason: "HTTP Basic refused: people sign in, feeds use bearer tokens"), count: 2))
            #expect(try await PeopleRepository(database: sql).search(name: "doe").isEmpty, "nothing was imported")
            // The password is never checked, so a refusal is not a failure that could lock the account.
            let failures = try await sql.select().column("failed_attempts").from("users").where("id", .equal, pat.id).first()?
                .decode(column: "failed_attempts", as: Int?.self) ?? 0
            #expect(failures == 0)
        }
    }

    enum SignInAttempt: String, CaseIterable, CustomTestStringConvertible {
        case knownRightPassword, knownWrongPassword, unknownUsername, lockedAccount
        var testDescription: String { rawValue }
    }

    /// Timing is made equal by doing the same work, so the test checks the
    /// work (one bcrypt verify per attempt), never the clock.
    @Test(arguments: SignInAttempt.allCases)
    func everySignInAttemptMakesExactlyOnePasswordCheck(_ attempt: SignInAttempt) async throws {
        try await withApp(.sqlite) { app in
            // setup
            let checks = PasswordChecks()
            app.passwordVerifier = checks.verifier()
            try await addUser(app, "pat")
            let sql = app.db as! any SQLDatabase
            let pat = try #require(try await UserRepository(database: sql).find(username: "pat"))
            if attempt == .lockedAccount {
                for _ in 0..<SignInController.lockAfter {
                    _ = try await AccountSecurityRepository(database: sql)
                        .recordFailure(user: pat.id, limit: SignInController.lockAfter, lockFor: 900, now: Date())
                }
            }
            var client = PageClient(app: app)
            // act
            let response = switch attempt {
            case .knownRightPassword, .lockedAccount: try await client.signIn("pat", "correct horse battery")
            case .knownWrongPassword: try await client.signIn("pat", "wrong password")
            case .unknownUsername: try await client.signIn("nobody", "correct horse battery")
            }
            // validate
            #expect(response.status == (attempt == .knownRightPassword ? .seeOther : .unauthorized))
            let hashes = await checks.hashes
            #expect(hashes.count == 1)
            let expected = [.unknownUsername, .lockedAccount].contains(attempt) ? PasswordVerifier.dummyHash : pat.passwordHash
            #expect(hashes.first == expected)
        }
    }

    @Test func theDummyHashHasTheCostOfStoredPasswordsAndMatchesNothing() async throws {
        try await withApp(.sqlite) { app in
            let stored = try await app.password.async.hash("correct horse battery")
            // "$2b$12$": algorithm and cost, the part that decides how long a verify takes.
            #expect(stored.prefix(7) == PasswordVerifier.dummyHash.prefix(7))
            #expect(try Bcrypt.verify("", created: PasswordVerifier.dummyHash) == false)
            #expect(try Bcrypt.verify("correct horse battery", created: PasswordVerifier.dummyHash) == false)
        }
    }

    @Test func signInRenewsTheSessionAndItsAntiForgeryToken() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.send(.GET, "/sign-in")
            let (before, planted) = (client.csrf, client.cookie)
            let response = try await client.signIn("pat", "correct horse battery")
            let token = try #require(response.headers.first(name: "X-CSRF-Token"))
            #expect(token != before, "the token is renewed with the session")
            #expect(client.cookie != planted, "a new session id at sign-in")
            var fixed = PageClient(app: app)
            fixed.cookie = planted
            #expect(try await fixed.send(.GET, "/people").status == .seeOther, "the session from before sign-in is not signed in")
            // The header alone (no form field) carries a JSON change.
            var headers: HTTPHeaders = ["Content-Type": "application/json", "X-CSRF-Token": token]
            if let cookie = client.cookie { headers.add(name: .cookie, value: cookie) }
            let change = try await app.testing().sendRequest(.POST, "/api/v1/review/\(UUID())", headers: headers) {
                $0.body = ByteBuffer(string: #"{"decision": "same-person", "reason": "x"}"#)
            }
            #expect(!change.body.string.contains("anti-forgery"))
        }
    }
}
