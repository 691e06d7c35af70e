@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct TokenTests {
    func bearer(_ token: String) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "text/csv"]
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }

    func importPeople(_ app: Application, token: String) async throws -> HTTPStatus {
        try await app.testing().sendRequest(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: bearer(token)) {
            $0.body = ByteBuffer(string: ImportTests.people)
        }.status
    }

    @Test func aPartnerAdministratorMakesATokenSeesItOnceAndARevokedTokenFailsOnTheNextRequest() async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "pam", partner: "test-police", roles: ["partner-admin"])
            var admin = PageClient(app: app)
            _ = try await admin.signIn("pam", "correct horse battery")
            _ = try await admin.send(.GET, "/tokens")
            // act: make
            let made = try await admin.send(.POST, "/tokens", form: ["name": "Police nightly", "partner": "test-police",
                                                                    "purposes[]": "case-finding", "csrf": admin.csrf ?? ""])
            #expect(made.status == .ok)
            #expect(made.headers.first(name: .cacheControl) == "no-store")
            let page = made.body.string
            let start = try #require(page.range(of: #"<code id="token-secret">"#))
            let secret = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("lnt_"))
            let listed = try await admin.send(.GET, "/tokens").body.string
            #expect(listed.contains("Police nightly"))
            #expect(listed.contains("case-finding"))
            #expect(!listed.contains(secret), "the secret is shown once")
            #expect(listed.contains("<td>never</td>"), "not used yet")
            #expect(try await importPeople(app, token: secret) == .ok)
            let token = try #require(try await AccountSecurityRepository(database: app.db as! any SQLDatabase).tokens().first)
            #expect(token.lastUsedAt != nil)
            #expect(!(try await admin.send(.GET, "/tokens").body.string.contains("<td>never</td>")), "the use is shown")
            // act: revoke
            let revoked = try await admin.send(.POST, "/tokens/\(token.id)/revoke", form: ["csrf": admin.csrf ?? ""])
            #expect(revoked.status == .seeOther)
            // validate: refused at once, and both changes audited
            #expect(try await importPeople(app, token: secret) == .unauthorized)
            let rows = try await AuditRow.all(app)
            #expect(rows.contains { $0.resource == "api-token:\(token.id.uuidString) created" && $0.subject == "partner:test-police" })
            #expect(rows.contains { $0.resource == "api-token:\(token.id.uuidString) revoked" && $0.decision == "permit" })
            let location = try #require(revoked.headers.first(name: .location))
            let after = try await admin.send(.GET, location).body.string
            #expect(after.contains("The token is revoked."))
            #expect(!after.contains("/tokens/\(token.id)/revoke"), "a revoked token offers no revoke button")
        }
    }

    @Test func aRevokedTokenIsRefusedOnTheVeryNextRequestWhateverRevokedIt() async throws {
        try await withApp(.sqlite) { app in
            let repository = AccountSecurityRepository(database: app.db as! any SQLDatabase)
            let secret = APIToken.make()
            let id = try await repository.addToken(name: "Feed", partner: "test-police", purposes: ["case-finding"],
                                                   tokenHash: APIToken.hash(secret), at: Date())
            #expect(try await importPeople(app, token: secret) == .ok)
            #expect(try await repository.revokeToken(id: id, at: Date()))
            #expect(try await importPeople(app, token: secret) == .unauthorized)
            #expect(try await repository.revokeToken(id: id, at: Date()) == false, "a second revocation changes nothing")
        }
    }

    @Test func administratorsSeeOnlyTheirOwnPartnersTokensAndOthersAreRefused() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let repository = AccountSecurityRepository(database: app.db as! any SQLDatabase)
            let police = try await repository.addToken(name: "Police feed", partner: "test-police", purposes: ["case-finding"],
                                                       tokenHash: APIToken.hash(APIToken.make()), at: Date())
            try await addUser(app, "cal", partner: "test-council", roles: ["partner-admin"])
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            var council = PageClient(app: app)
            _ = try await council.signIn("cal", "correct horse battery")
            // act, validate
            #expect(!(try await council.send(.GET, "/tokens").body.string.contains("Police feed")))
            let other = try await council.send(.POST, "/tokens/\(police)/revoke", form: ["csrf": council.csrf ?? ""])
            #expect(other.status == .notFound)
            let forged = try await council.send(.POST, "/tokens", form: ["name": "x", "partner": "test-police",
                                                                       "purposes[]": "case-finding", "csrf": council.csrf ?? ""])
            #expect(forged.status == .forbidden)
            #expect(try await repository.tokens().count == 1)
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/tokens").status == .forbidden)
            #expect(try await AuditRow.all(app).contains { $0.resource == "capability:manage-accounts" && $0.decision == "deny" })
        }
    }

    @Test func revokeTakesAnIdOrTheNameOfExactlyOneTokenInForce() throws {
        func token(_ name: String, revoked: Bool = false) -> StoredToken {
            StoredToken(id: UUID(), name: name, partner: "test-police", purposes: ["case-finding"], createdAt: Date(),
                        revokedAt: revoked ? Date() : nil)
        }
        let nightly = token("nightly"), old = token("weekly", revoked: true), twins = [token("twin"), token("twin")]
        let all = [nightly, old] + twins
        #expect(try TokenReference(nightly.id.uuidString).resolve(among: all) == nightly)
        #expect(try TokenReference(" nightly ").resolve(among: all) == nightly)
        #expect(try TokenReference(old.id.uuidString).resolve(among: all) == old)
        #expect(throws: TokenReference.Problem.notFound("weekly")) { try TokenReference("weekly").resolve(among: all) }
        #expect(throws: TokenReference.Problem.ambiguous("twin", twins.map(\.id))) { try TokenReference("twin").resolve(among: all) }
        #expect(throws: TokenReference.Problem.notFound(UUID(uuidString: "00000000-0000-0000-0000-000000000001")!.uuidString)) {
            try TokenReference("00000000-0000-0000-0000-000000000001").resolve(among: all)
        }
    }
}
