import Vapor

/// The pages each role is offered, in one place: the navigation shows only
/// pages the role may use. Everyone lands on `/home` (``HomeController``).
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
        (Link(path: "/home", label: "Home"), ["practitioner", "analyst", "panel-chair", "dpo", "partner-admin", "admin", "records", "strategic-lead"]),
        (Link(path: "/panels", label: "Risk panels"), ["panel-chair"]),
        (Link(path: "/reports", label: "Reports"), ["strategic-lead"]),
        (Link(path: "/people", label: "Find a person"), ["practitioner", "analyst", "panel-chair", "dpo"]),
        (Link(path: "/case-finding", label: "Case finding"), ["analyst"]),
        (Link(path: "/review", label: "Linkage review"), ["analyst"]),
        (Link(path: "/rights-requests", label: "Rights requests"), ["dpo"]),
        (Link(path: "/breaches", label: "Breaches"), ["dpo"]),
        (Link(path: "/retention", label: "Retention"), ["dpo", "records"]),
        (Link(path: "/review-tasks", label: "Review tasks"), ["dpo", "records"]),
        (Link(path: "/audit/unusual", label: "Unusual access"), ["dpo"]),
        (Link(path: "/audit", label: "Audit"), ["dpo"]),
        (Link(path: "/matac", label: "MATAC list"), ["panel-chair", "analyst"]),
        (Link(path: "/asb-reviews", label: "ASB case reviews"), ["panel-chair", "analyst"]),
        (Link(path: "/iom", label: "IOM cohort"), ["panel-chair", "analyst"]),
        (Link(path: "/exploitation", label: "Exploitation panel"), ["panel-chair", "analyst"]),
        (Link(path: "/notifications", label: "Notifications"), ["practitioner", "panel-chair"]),
        (Link(path: "/panels", label: "Risk panels"), ["practitioner"]),
        (Link(path: "/access-requests", label: "Access requests"), ["practitioner", "panel-chair", "partner-admin", "dpo"]),
        (Link(path: "/partner-disclosures", label: "Partner disclosures"), ["practitioner", "partner-admin", "dpo"]),
        (Link(path: "/agreements", label: "Agreements"), ["analyst", "dpo", "partner-admin", "admin"]),
        (Link(path: "/reports", label: "Reports"), ["analyst"]),
        (Link(path: "/transparency/ropa", label: "Record of processing"), ["dpo"]),
        (Link(path: "/webhooks", label: "Webhooks"), ["partner-admin", "admin"]),
        (Link(path: "/tokens", label: "API tokens"), ["partner-admin", "admin"]),
        (Link(path: "/users", label: "Users"), ["partner-admin", "admin"]),
    ]

    /// Where a user lands after signing in: the page that is their whole work
    /// where there is one (a chair's panels, a strategic lead's reports), else
    /// their home with its counts. Every landing page is in the role's navigation.
    static func landing(for roles: [String]) -> String {
        switch Set(roles) {
        case ["panel-chair"]: "/panels"
        case ["strategic-lead"]: "/reports"
        default: "/home"
        }
    }

    static func links(for roles: [String]) -> [Link] {
        let held = Set(roles)
        var seen = Set<String>()
        // A page listed at two places (the chair's home, a practitioner's later link) appears once, at its first.
        return pages.filter { !$0.roles.isDisjoint(with: held) && seen.insert($0.link.path).inserted }.map(\.link)
    }
}
