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
}
