@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Every state-changing route the app registers, pages and API, checked
/// against forged requests made with a signed-in session's cookie. Routes
/// are read from `app.routes.all`, so a new route is in the matrix without
/// anyone listing it.
@Suite struct AntiForgeryTests {
    /// How a forged request carries (or fails to carry) the token.
    enum Forgery: String, CaseIterable, CustomTestStringConvertible {
        case formWithoutToken, jsonWithoutToken, csvWithoutToken, wrongFormField, wrongHeader
        var testDescription: String { rawValue }

        func request(cookie: String) -> (HTTPHeaders, String) {
            var headers: HTTPHeaders = [:]
            headers.add(name: .cookie, value: cookie)
            switch self {
            case .formWithoutToken:
                headers.contentType = .urlEncodedForm
                return (headers, "name=x&reason=forged")
            case .jsonWithoutToken:
                headers.contentType = .json
                return (headers, #"{"decision": "same-person", "reason": "forged"}"#)
            case .csvWithoutToken:
                headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                return (headers, ImportTests.people)
            case .wrongFormField:
                headers.contentType = .urlEncodedForm
                return (headers, "name=x&csrf=" + [UInt8].random(count: 32).base64.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            case .wrongHeader:
                headers.contentType = .json
                headers.add(name: "X-CSRF-Token", value: [UInt8].random(count: 32).base64)
                return (headers, "{}")
            }
        }
    }

    /// The state-changing routes, with each path parameter filled in.
    static func changingRoutes(_ app: Application) -> [(HTTPMethod, String)] {
        app.routes.all.filter { AntiForgery.changesState($0.method) }.map { route in
            let path = route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter: UUID().uuidString
                case .anything, .catchall: "x"
                }
            }
            let concrete = "/" + path.joined(separator: "/")
            // With the query its OpenAPI operation requires, so the request guard's
            // 400 for a malformed call cannot stand in for the anti-forgery refusal.
            return (route.method, concrete + (requiredQuery[concrete] ?? ""))
        }
    }

    static let requiredQuery = ["/api/v1/imports": "?partner=test-police&kind=people"]

    func antiForgeryRefusals(_ app: Application) async throws -> Int {
        try await AuditRow.all(app).filter { $0.resource == "anti-forgery" && $0.decision == "deny" && $0.action == "access_decision" }.count
    }

    @Test func everyStateChangingRouteRefusesASessionCookieWithoutTheTokenAndAuditsIt() async throws {
        try await withApp(.sqlite) { app in
            // setup
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner", "partner-admin"])
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let cookie = try #require(client.cookie)
            let routes = Self.changingRoutes(app)
            // The enumeration is real: known routes of each kind are in it.
            for known in ["/sign-in", "/sign-out", "/api/v1/imports", "/tokens", "/webhooks"] {
                #expect(routes.contains { $0.1.split(separator: "?").first.map(String.init) == known }, "\(known) is registered")
            }
            #expect(routes.count >= 15)
            var combinations = 0
            for (method, path) in routes {
                for forgery in Forgery.allCases {
                    // act
                    let before = try await antiForgeryRefusals(app)
                    let (headers, body) = forgery.request(cookie: cookie)
                    let response = try await app.testing().sendRequest(method, path, headers: headers) {
                        $0.body = ByteBuffer(string: body)
                    }
                    // validate
                    #expect(response.status == .forbidden, "\(method) \(path) \(forgery)")
                    #expect(response.body.string.contains("anti-forgery token"), "\(method) \(path) \(forgery)")
                    #expect(try await antiForgeryRefusals(app) == before + 1, "\(method) \(path) \(forgery) audited")
                    combinations += 1
                }
            }
            #expect(combinations == routes.count * Forgery.allCases.count)
            // Nothing forged got through: the session is still signed in and nothing was imported.
            #expect(try await client.send(.GET, "/people").status == .ok)
            #expect(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe").isEmpty)
        }
    }

    /// The control for the matrix: with the session's token, as the header or
    /// the form field, no route is refused as forged.
    @Test func withTheSessionsTokenNoRouteIsRefusedAsForged() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner", "partner-admin"])
            // Two sign-ins per route: a cheap password check keeps that quick (this test is not about passwords).
            app.passwordVerifier = PasswordVerifier { _, password, hash in
                hash != PasswordVerifier.dummyHash && password == "correct horse battery"
            }
            for (method, path) in Self.changingRoutes(app) {
                // A new session each time: some routes (sign-out) end the one they are given.
                var client = PageClient(app: app)
                _ = try await client.signIn("pat", "correct horse battery")
                let token = try #require(client.csrf)
                client.sendsTokenHeaderToAPI = false
                let byHeader = try await client.send(method, path, headers: ["X-CSRF-Token": token, "Content-Type": "application/json"], body: "{}")
                #expect(!byHeader.body.string.contains("anti-forgery token"), "\(method) \(path)")
                var again = PageClient(app: app)
                _ = try await again.signIn("pat", "correct horse battery")
                again.sendsTokenHeaderToAPI = false
                let byField = try await again.send(method, path, form: ["csrf": again.csrf ?? ""])
                #expect(!byField.body.string.contains("anti-forgery token"), "\(method) \(path)")
            }
            #expect(try await antiForgeryRefusals(app) == 0)
        }
    }

    @Test func aBearerTokenNeedsNoAntiForgeryToken() async throws {
        try await withApp(.sqlite) { app in
            let secret = APIToken.make()
            _ = try await AccountSecurityRepository(database: app.db as! any SQLDatabase).addToken(
                name: "Police nightly", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(secret), at: Date())
            let apiRoutes = Self.changingRoutes(app).filter { $0.1.hasPrefix("/api/") }
            #expect(!apiRoutes.isEmpty)
            for (method, path) in apiRoutes {
                var headers: HTTPHeaders = ["Content-Type": "application/json"]
                headers.bearerAuthorization = BearerAuthorization(token: secret)
                let response = try await app.testing().sendRequest(method, path, headers: headers) { $0.body = ByteBuffer(string: "{}") }
                #expect(!response.body.string.contains("anti-forgery token"), "\(method) \(path)")
            }
            #expect(try await antiForgeryRefusals(app) == 0)
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.bearerAuthorization = BearerAuthorization(token: secret)
            let load = try await app.testing().sendRequest(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers) {
                $0.body = ByteBuffer(string: ImportTests.people)
            }
            #expect(load.status == .ok)
        }
    }
}
