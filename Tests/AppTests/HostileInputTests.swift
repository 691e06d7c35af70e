@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// No path answers a server error, whatever is put in it: every route with
/// a path parameter, every hostile value, anonymous and signed in.
@Suite struct HostileInputTests {
    /// Values an attacker puts where an id goes, already written for a URL path.
    static let hostile: [String] = [
        String(repeating: "A", count: 200),
        "%00", "a%00b", "..%2f", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%2Fb",
        "%C3%A9t%C3%A9%E2%80%AE%F0%9F%94%A5", "%FF%FE", "%", "%zz",
        String(repeating: "B", count: 10_240),
        "-1", "0", "-9223372036854775808", "99999999999999999999999",
        "00000000-0000-0000-0000-00000000000G", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "6F9619FF8B86D011B42D00C04FC964FF",
        UUID().uuidString, "'%20OR%201=1--", "%3Cscript%3E",
    ]

    /// Every registered route with a parameter, each parameter set to `value`.
    static func paths(_ app: Application, value: String) -> [(HTTPMethod, String)] {
        app.routes.all.filter { $0.path.contains { if case .parameter = $0 { true } else { false } } }.map { route in
            (route.method, "/" + route.path.map { component in
                if case .parameter = component { return value }
                return component.description
            }.joined(separator: "/"))
        }
    }

    @Test(arguments: ["anonymous", "analyst"])
    func noHostilePathParameterAnswersAServerError(_ who: String) async throws {
        try await withApp(.sqlite) { app in
            // setup
            var client = PageClient(app: app)
            if who == "analyst" {
                try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
                _ = try await client.signIn("ana", "correct horse battery")
            }
            var checked = 0
            for value in Self.hostile {
                for (method, path) in Self.paths(app, value: value) {
                    // act
                    let response = try await client.send(method, path, form: method == .POST ? ["csrf": client.csrf ?? ""] : nil)
                    // validate
                    let status = response.status.code
                    #expect(status < 500, "\(who) \(method) \(path.prefix(120)) answered \(status)")
                    if who == "analyst", method == .GET {
                        #expect(status == 404 || status == 403, "\(method) \(path.prefix(120)) answered \(status)")
                    }
                    if status == 404 {
                        let json = response.headers.contentType == .json
                        #expect(json == path.hasPrefix("/api/"), "\(path.prefix(120)): JSON for the API, the error page for browsers")
                    }
                    checked += 1
                }
            }
            #expect(checked >= Self.hostile.count * 20, "the matrix covers every route with a parameter")
        }
    }

    /// A very long path, or a malformed id on a path no route has, is "not
    /// found", for a browser (the error page) and for the API (JSON).
    @Test(arguments: ["/events/" + String(repeating: "A", count: 200), "/" + String(repeating: "a", count: 20_480),
                      "/people/" + String(repeating: "x/", count: 5_000), "/api/v1/people/" + String(repeating: "A", count: 200),
                      "/api/v1/" + String(repeating: "z", count: 20_480), "/css/" + String(repeating: "c", count: 300) + ".css"])
    func longAndMalformedPathsAreNotFound(_ path: String) async throws {
        try await withApp(.sqlite) { app in
            var client = PageClient(app: app)
            // An API path that routes asks for credentials first; anything else is not found.
            let expected: HTTPStatus = path.hasPrefix("/api/v1/people/") ? .unauthorized : .notFound
            let page = try await client.send(.GET, path)
            #expect(page.status == expected, "\(path.prefix(60)) answered \(page.status.code)")
            #expect((page.headers.contentType == .json) == path.hasPrefix("/api/"))
            let api = try await client.send(.GET, path, headers: ["Accept": "application/json"])
            #expect(api.status == expected && api.headers.contentType == .json)
        }
    }

    /// The same over a real socket, where the HTTP parser sees the bytes.
    /// The server listens on 127.0.0.1 itself, not "localhost": a client
    /// trying ::1 first could meet another test's server on the same port.
    @Test func aTwentyKilobytePathOverHTTPIsNotFound() async throws {
        try await withApp(.sqlite) { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = 0
            try await app.server.start()
            do {
                try await Self.askOverSocket(app)
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    static func askOverSocket(_ app: Application) async throws {
        let port = try #require(app.http.server.shared.localAddress?.port)
        for (path, allowed) in [("/" + String(repeating: "A", count: 20_480), [HTTPStatus.notFound, .uriTooLong]),
                                ("/events/" + String(repeating: "A", count: 200), [.notFound])] {
            // Only a guard against a hang, never a speed bound: the whole
            // suite shares two cores, so a page can wait its turn for far
            // longer than any user would.
            let response = try await app.client.get(URI(string: "http://127.0.0.1:\(port)\(path)")) { $0.timeout = .minutes(10) }
            #expect(allowed.contains(response.status), "\(path.prefix(40)) answered \(response.status.code)")
        }
    }
}
