@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct OpenAPITests {
    /// The served OpenAPI document names every JSON route the app registers,
    /// with the right method, so it cannot drift from the code.
    @Test func theDocumentCoversEveryAPIRoute() async throws {
        try await withApp(.sqlite) { app in
            var client = PageClient(app: app)
            let response = try await client.send(.GET, "/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in app.routes.all where route.path.first?.description == "api" {
                let path = "/" + route.path.map { component -> String in
                    let text = component.description
                    return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
                }.joined(separator: "/")
                let methods = paths[path].map { Set($0.keys) } ?? []
                #expect(methods.contains(route.method.rawValue.lowercased()), "\(route.method.rawValue) \(path) is not in openapi.json")
            }
        }
    }

    /// The webhook body partners code against is the one Lantern sends.
    @Test func theWebhookSchemaDescribesThePayloadLanternSends() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Public/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let alert = try #require(schemas["WebhookAlert"] as? [String: Any])
        let required = Set(try #require(alert["required"] as? [String]))
        let payload = WebhookAlerts.Payload(delivery: UUID(), partner: "p", household: UUID(), rule: "r", message: "m", raisedAt: "t",
                                            events: [.init(partner: "p", record: "E-1", category: "asb", occurredOn: "2026-01-01")])
        let sent = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(payload)) as? [String: Any])
        #expect(Set(sent.keys) == required)
        let event = try #require((sent["events"] as? [[String: Any]])?.first)
        let eventSchema = try #require(((alert["properties"] as? [String: Any])?["events"] as? [String: Any])?["items"] as? [String: Any])
        #expect(Set(event.keys) == Set(try #require(eventSchema["required"] as? [String])))
        #expect(document["webhooks"] != nil)
    }

    /// A method no route takes, on a path routes serve, is 405 with an Allow
    /// header naming the methods that path does take: every route, every
    /// method it does not declare.
    @Test func undeclaredMethodsAreAnswered405WithAllow() async throws {
        try await withApp(.sqlite) { app in
            var client = PageClient(app: app)
            var checked = 0
            for route in app.routes.all {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter = component { return UUID().uuidString }
                    return component.description
                }.joined(separator: "/")
                let declared = Set(app.routes.all.filter { RequestGuard.matches($0.path, path.split(separator: "/").map(String.init)) }
                    .map(\.method.rawValue))
                for method in [HTTPMethod.TRACE, .PUT, .DELETE, .PATCH, .OPTIONS, .GET, .POST] where !declared.contains(method.rawValue) {
                    let response = try await client.send(method, path)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path) answered \(response.status.code)")
                    let allow = Set((response.headers.first(name: .allow) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                    #expect(allow.isSuperset(of: declared), "\(method) \(path): Allow \(allow)")
                    checked += 1
                }
            }
            #expect(checked > app.routes.all.count)
            // A path no route serves stays 404.
            #expect(try await client.send(.TRACE, "/no-such-page").status == .notFound)
        }
    }

    /// The API refuses query keys its document does not declare, and the
    /// absence of those it requires, with a JSON problem, before any other
    /// check; declared keys pass through.
    @Test func unknownQueryKeysOnTheAPIAreRefused() async throws {
        try await withApp(.sqlite) { app in
            var client = PageClient(app: app)
            for path in ["/api/v1/people?name=doe&nickname=x", "/api/v1/people?name=doe&name2=", "/api/v1/review?x=1",
                         "/api/v1/agreements/\(UUID())?debug=true", "/api/v1/audit/unusual?from=2026-01-01&limit=5"] {
                let response = try await client.send(.GET, path)
                #expect(response.status == .badRequest, "\(path) answered \(response.status.code)")
                #expect(response.headers.contentType == .json && response.body.string.contains("unknown query parameter"))
            }
            // A required key left out is refused too.
            let missing = try await client.send(.GET, "/api/v1/people?born=2001-01-01")
            #expect(missing.status == .badRequest && missing.body.string.contains("missing query parameter name"))
            // Declared keys are not refused (here the caller is not signed in).
            #expect(try await client.send(.GET, "/api/v1/people?name=doe&born=2001-01-01").status == .unauthorized)
            // Pages are not bound by the API document.
            #expect(try await client.send(.GET, "/sign-in?next=x").status == .ok)
        }
    }

    /// Every API operation declares the errors every API operation can give.
    @Test func everyOperationDeclaresItsErrorStatuses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Public/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, item) in paths where path.hasPrefix("/api/") {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any] else { continue }
                let statuses = Set(((operation["responses"] as? [String: Any]) ?? [:]).keys)
                var needed: Set<String> = ["400", "401", "403"]
                if path.contains("{") { needed.insert("404") }
                if operation["requestBody"] != nil { needed.formUnion(["415", "422"]) }
                #expect(statuses.isSuperset(of: needed), "\(method) \(path) does not declare \(needed.subtracting(statuses).sorted())")
            }
        }
    }
    /// The session scheme documents the anti-forgery header a session-cookie
    /// caller must send on every change (``AntiForgery``). It is said there,
    /// not as a parameter of each operation: the fuzzer's header mutations
    /// would only ever meet a bearer caller, who needs none.
    @Test func theSessionSchemeDocumentsTheAntiForgeryHeader() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Public/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let schemes = try #require((document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: Any]])
        let session = try #require(schemes["session"]?["description"] as? String)
        #expect(session.contains("X-CSRF-Token") && session.contains("403") && session.contains("anti-forgery"))
    }
}
