import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A browser-like client over the in-process app: keeps the session cookie
/// and reads the anti-forgery token from the last page.
struct PageClient {
    let app: Application
    var cookie: String?
    var csrf: String?

    /// Sends the session's anti-forgery token as the `X-CSRF-Token` header on
    /// changes under /api/, as a script using the session must; pages send
    /// the `csrf` form field instead, so tests of forms stay honest.
    var sendsTokenHeaderToAPI = true

    mutating func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil,
                       headers extra: HTTPHeaders = [:], body: String? = nil) async throws -> TestingHTTPResponse {
        var headers = extra
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if sendsTokenHeaderToAPI, cookie != nil, let csrf, path.hasPrefix("/api/"), [.POST, .PUT, .PATCH, .DELETE].contains(method),
           !headers.contains(name: "X-CSRF-Token") {
            headers.add(name: "X-CSRF-Token", value: csrf)
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers) { request in
            if let form { try request.content.encode(form, as: .urlEncodedForm) }
            if let body { request.body = ByteBuffer(string: body) }
        }
        if let set = response.headers.setCookie?["lantern-session"] { cookie = "lantern-session=\(set.string)" }
        if let token = response.headers.first(name: "X-CSRF-Token") { csrf = token }
        let text = response.body.string
        if let range = text.range(of: #"name="csrf" value=""#) {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return response
    }

    mutating func signIn(_ username: String, _ password: String) async throws -> TestingHTTPResponse {
        _ = try await send(.GET, "/sign-in")
        return try await send(.POST, "/sign-in", form: ["username": username, "password": password, "csrf": csrf ?? ""])
    }
}

/// A strategic lead of the test council, signed in: whom the reports are for.
func signedInStrategicLead(_ app: Application) async throws -> PageClient {
    try await addUser(app, "lead", partner: "test-council", roles: ["strategic-lead"])
    var client = PageClient(app: app)
    _ = try await client.signIn("lead", "correct horse battery")
    return client
}

func addUser(_ app: Application, _ username: String, partner: String = "test-police", roles: [String] = ["practitioner"]) async throws {
    let hash = try await app.password.async.hash("correct horse battery")
    _ = try await UserRepository(database: app.db as! any SQLDatabase).create(
        username: username, displayName: username.capitalized, partner: partner, roles: roles, passwordHash: hash, at: Date())
}

@Suite struct WebTests {
    @Test func healthAndMetricsAnswer() async throws {
        try await withApp(.sqlite) { app in
            var client = PageClient(app: app)
            let health = try await client.send(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health.body.string.contains(#""migrations":"current""#))
            let metrics = try await client.send(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("http_requests_total"))
        }
    }

    @Test func pagesNeedSignInAndTheFormNeedsItsToken() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            let anonymous = try await client.send(.GET, "/people")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location) == "/sign-in")
            _ = try await client.send(.GET, "/sign-in")
            let forged = try await client.send(.POST, "/sign-in", form: ["username": "pat", "password": "correct horse battery", "csrf": "forged"])
            #expect(forged.status == .forbidden)
            let wrong = try await client.signIn("pat", "wrong password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("The username or password is not right."))
            let right = try await client.signIn("pat", "correct horse battery")
            #expect(right.status == .seeOther)
            #expect(try await client.send(.GET, "/people").status == .ok)
        }
    }

    @Test func aPractitionerFindsAPersonAndSeesTheirRecordsAndEvents() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            try await addUser(app, "loader", roles: ["partner-admin"])
            var loader = PageClient(app: app)
            _ = try await loader.signIn("loader", "correct horse battery")
            _ = try await loader.send(.GET, "/access-requests")
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.add(name: "X-CSRF-Token", value: loader.csrf ?? "")
            let upload = try await loader.send(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers, body: ImportTests.people)
            #expect(upload.status == .ok)
            let events = "record_id,person_record_id,category,role,occurred_on,summary\nE-1,P-1,domestic-abuse,victim,2025-01-02,Incident at home\n"
            #expect(try await loader.send(.POST, "/api/v1/imports?partner=test-police&kind=events", headers: headers, body: events).status == .ok)
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            // Without a relationship the practitioner's search lists no one, not even a withheld row.
            let blind = try await client.send(.GET, "/people?name=doe&born=14%2F03%2F1985")
            #expect(blind.body.string.contains("0 people found"))
            #expect(!blind.body.string.contains("Name withheld"))
            #expect(!blind.body.string.contains("Jane Doe"))
            #expect(blind.headers.first(name: "X-Lantern-Access") == "deny")
            let jane = try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe jane").first)
            let pat = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "pat"))
            let hidden = try await client.send(.GET, "/people/\(jane.personID)")
            #expect(hidden.body.string.contains("Known to 1 partner"))
            #expect(!hidden.body.string.contains("Incident at home"))
            try await CaseRelationshipRepository(database: app.db as! any SQLDatabase)
                .add(user: pat.id, people: [jane.personID], kind: "allocated-worker", at: Date())
            let search = try await client.send(.GET, "/people?name=doe&born=14%2F03%2F1985")
            #expect(search.body.string.contains("1 person found"))
            #expect(search.body.string.contains("Jane Doe"))
            let link = try #require(search.body.string.range(of: #"href="/people/"#))
            let id = String(search.body.string[link.upperBound...].prefix { $0 != "\"" })
            let page = try await client.send(.GET, "/people/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Test Police"))
            #expect(page.body.string.contains("Domestic abuse"))
            #expect(page.body.string.contains("Incident at home"))
        }
    }

    @Test func theImportAPIReportsEveryProblemAsJSON() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat", roles: ["partner-admin"])
            var client = PageClient(app: app)
            let anonymous = try await client.send(.POST, "/api/v1/imports?partner=test-police&kind=people", body: "x")
            #expect(anonymous.status == .unauthorized)
            _ = try await client.signIn("pat", "correct horse battery")
            let headers: HTTPHeaders = ["Content-Type": "text/csv"]
            let bad = "record_id,given_names,family_name,date_of_birth\nP-1,,Doe,31/02/1990\n"
            let response = try await client.send(.POST, "/api/v1/imports?partner=test-police&kind=people", headers: headers, body: bad)
            #expect(response.status == .unprocessableEntity)
            struct Body: Decodable { var problems: [ImportProblem] }
            let body = try response.content.decode(Body.self)
            #expect(body.problems.map(\.field) == ["given_names", "date_of_birth"])
            let other = try await client.send(.POST, "/api/v1/imports?partner=test-council&kind=people", headers: headers, body: ImportTests.people)
            #expect(other.status == .forbidden)
        }
    }
}
