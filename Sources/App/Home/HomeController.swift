import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// `/home`: where everyone lands after signing in. Each role held adds its
/// section of work, with the counts that need attention, in the order of
/// ``Role``; every link is a page that role may use (NavigationTests).
///
/// Counts only: a home shows no one's name or record, so it needs no
/// access decision, and reading it is not audited.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home", use: page)
    }

    func page(req: Request) async throws -> Response {
        let caller = try req.caller
        let roles = Set(caller.roles.compactMap(Role.init(rawValue:)))
        var sections: [HomePage.Section] = []
        for role in Role.allCases where roles.contains(role) {
            if let section = try await section(for: role, caller: caller, req: req), !sections.contains(section) {
                sections.append(section)
            }
        }
        return try await req.renderPage("home", HomePage(caller: .init(caller), csrf: req.csrfToken, sections: sections))
            .encodeResponse(for: req)
    }

    private func section(for role: Role, caller: Caller, req: Request) async throws -> HomePage.Section? {
        let sql = try req.sql()
        let counts = AttentionCounts(database: sql)
        let today = CalendarDate.today(at: Date())
        switch role {
        case .strategicLead:
            return .init(heading: "The partnership's figures", items: [
                .init("Reports", path: "/reports",
                      note: "Trends and hotspots on depersonalised data; every figure passes disclosure control.", attention: false),
            ])
        case .records:
            let batches = try await RetentionRepository(database: sql).batches(partner: caller.partner)
            let waiting = batches.filter { $0.status == .awaitingApproval && $0.action != RetentionRule.Action.review.rawValue }.count
            let reviews = batches.filter { $0.status == .awaitingApproval && $0.action == RetentionRule.Action.review.rawValue }.count
            return .init(heading: "Records management", items: [
                .init("Retention and disposal", path: "/retention", count: waiting,
                      note: "Disposal batches for \(caller.partner) waiting for your approval."),
                .init("Records due for review", path: "/retention", count: reviews,
                      note: "Records whose retention rule asks for a review: keep them to a new date with your reason, or dispose of them."),
                .init("Your review tasks", path: "/review-tasks", count: try await ReviewTaskAssignment.openCount(sql, partner: caller.partner),
                      note: "Rights requests waiting for \(caller.partner) to review its own items about the person."),
            ])
        case .practitioner, .panelChair:
            let panels: [HomePage.Item] = role == .panelChair
                ? [.init("Risk panels", path: "/panels", note: "Referrals, agendas, meetings and actions.", attention: false)] : []
            return .init(heading: role == .practitioner ? "Your families" : "Your panel work", items: panels + [
                .init("People you work with", path: "/people", count: try await counts.peopleInCaseload(user: caller.userID),
                      note: "Find one of them to open their record, household and team around the family.", attention: false),
                .init("Notifications", path: "/notifications", count: try await counts.unreadNotifications(user: caller.userID),
                      note: "New alerts about the families you work with."),
                .init("Your access requests", path: "/access-requests", count: try await counts.accessRequestsWaiting(madeBy: caller.userID),
                      note: "Requests you made that the holding partner has yet to answer.", attention: false),
            ])
        case .analyst:
            let list = try await req.application.casework.caseFindingList(sql, today: today)
            let decided = Set(try await CaseworkRepository(database: sql).latestDecisions().keys.map(\.uuidString))
            let awaiting = list.ranked(CaseFindingFilter()).filter { !decided.contains($0.householdID) }.count
            let week = Date().addingTimeInterval(-7 * 86_400)
            let rejected = try await counts.importsWithRejections(since: week)
            return .init(heading: "Partnership hub", items: [
                .init("Case finding", path: "/case-finding", count: awaiting,
                      note: "Households on the list with no decision yet."),
                .init("Linkage review", path: "/review", count: try await ReviewRepository(database: sql).openCount(),
                      note: "Pairs of records that may be one person, waiting for your decision."),
                .init("Imports this week", path: nil, count: try await counts.imports(since: week),
                      note: rejected == 0 ? "Extracts loaded in the last 7 days; none turned rows away."
                          : "Extracts loaded in the last 7 days; \(rejected) turned rows away: ask the partner to correct them.",
                      attention: rejected > 0),
            ])
        case .dpo:
            let open = try await RightsRequestRepository(database: sql).all().filter { $0.status == .open }
            let overdue = open.filter { ($0.clock.daysLeft(asOf: today) ?? 0) < 0 }.count
            return .init(heading: "Data protection", items: [
                .init("Rights requests", path: "/rights-requests", count: open.count,
                      note: overdue == 0 ? "Open requests; none is overdue." : "Open requests; \(overdue) overdue.",
                      attention: overdue > 0 || !open.isEmpty),
                .init("Your review tasks", path: "/review-tasks", count: try await ReviewTaskAssignment.openCount(sql, partner: caller.partner),
                      note: "Rights requests waiting for \(caller.partner) to review its own items about the person."),
                .init("Break-glass to review", path: "/audit/unusual", count: try await counts.breakGlassAwaitingReview(),
                      note: "Emergency access that you have not yet judged justified or not."),
                .init("Unusual access", path: "/audit/unusual", note: "Break-glass and users opening many people outside their caseload."),
                .init("Audit", path: "/audit", count: try await counts.auditEntries(),
                      note: "Who accessed a person, what a user did; entries in the ledger.", attention: false),
                .init("Transparency", path: "/transparency/ropa", note: "The Record of Processing Activities and each partner's privacy notice."),
            ])
        case .partnerAdmin:
            let partners = [caller.partner]
            return .init(heading: "Your partner's accounts and feeds", items: [
                .init("Users", path: "/users", count: try await counts.accounts(partners: partners),
                      note: "Accounts at \(caller.partner).", attention: false),
                .init("API tokens", path: "/tokens", count: try await counts.tokensInUse(partners: partners),
                      note: "Tokens in use by your partner's feeds.", attention: false),
                .init("Webhooks", path: "/webhooks", count: try await counts.webhooksInUse(partners: partners),
                      note: "Endpoints your partner's case systems receive alerts on.", attention: false),
                .init("Access requests to answer", path: "/access-requests", count: try await counts.accessRequestsWaiting(heldBy: partners),
                      note: "Other partners asking to see what \(caller.partner) holds."),
            ])
        case .admin:
            return .init(heading: "System", items: [
                .init("Users", path: "/users", count: try await counts.accounts(partners: nil),
                      note: "Accounts across the partnership.", attention: false),
                .init("Alerts not yet delivered", path: "/webhooks", count: try await counts.undeliveredAlerts(),
                      note: "Webhook alerts still being retried."),
                .init("Audit ledger", path: nil, count: try await counts.auditEntries(),
                      note: "Entries in the ledger; check them with `lantern audit verify`.", attention: false),
                .init("Store", path: nil, note: req.application.storeKind, attention: false),
            ])
        }
    }
}

extension Application {
    /// Which store this server runs on, in words for the system administrator.
    var storeKind: String {
        (db as? any SQLDatabase)?.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite (one file)"
    }
}
