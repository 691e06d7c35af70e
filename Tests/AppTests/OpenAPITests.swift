import App
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
}
