import Vapor

/// `/accessibility`: the accessibility statement that UK public-sector
/// services publish (Public Sector Bodies Accessibility Regulations 2018).
/// Open to anyone, signed in or not: people need it before they can sign in.
struct AccessibilityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("accessibility") { req in
            try await req.renderPage("accessibility", Page(caller: req.auth.get(Caller.self).map(CallerView.init)))
        }
    }

    struct Page: Encodable {
        var caller: CallerView?
    }
}
