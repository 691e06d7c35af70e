import Vapor

/// The pages each role is offered, in one place: the navigation shows only
/// pages the role may use, and a role's home is the first of them.
///
/// Contract: every page listed for a role answers that role (tested in
/// `NavigationTests`); a user with several roles gets the union, in the
/// order below.
enum Navigation {
    struct Link: Encodable, Equatable, Sendable {
        var path: String
        var label: String
    }

    /// Every page with the roles it is offered to, in navigation order.
    static let pages: [(link: Link, roles: Set<String>)] = [
        (Link(path: "/people", label: "Find a person"), ["practitioner", "analyst", "panel-chair", "dpo"]),
        (Link(path: "/case-finding", label: "Case finding"), ["analyst"]),
        (Link(path: "/review", label: "Linkage review"), ["analyst"]),
        (Link(path: "/rights-requests", label: "Rights requests"), ["dpo"]),
        (Link(path: "/breaches", label: "Breaches"), ["dpo"]),
        (Link(path: "/audit/unusual", label: "Unusual access"), ["dpo"]),
        (Link(path: "/matac", label: "MATAC list"), ["panel-chair", "analyst"]),
        (Link(path: "/asb-reviews", label: "ASB case reviews"), ["panel-chair", "analyst"]),
        (Link(path: "/iom", label: "IOM cohort"), ["panel-chair", "analyst"]),
        (Link(path: "/notifications", label: "Notifications"), ["practitioner", "panel-chair"]),
        (Link(path: "/access-requests", label: "Access requests"), ["practitioner", "panel-chair", "partner-admin", "dpo"]),
        (Link(path: "/agreements", label: "Agreements"), ["analyst", "dpo", "partner-admin", "admin"]),
        (Link(path: "/transparency/ropa", label: "Record of processing"), ["dpo"]),
        (Link(path: "/webhooks", label: "Webhooks"), ["partner-admin", "admin"]),
        (Link(path: "/tokens", label: "API tokens"), ["partner-admin", "admin"]),
    ]

    static func links(for roles: [String]) -> [Link] {
        let held = Set(roles)
        return pages.filter { !$0.roles.isDisjoint(with: held) }.map(\.link)
    }

    /// Where the role lands after signing in; agreements for a role offered nothing else.
    static func home(for roles: [String]) -> String {
        links(for: roles).first?.path ?? "/agreements"
    }
}

/// `/home`: sends a signed-in user to their role's first page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home") { req in req.redirect(to: Navigation.home(for: try req.caller.roles)) }
    }
}
