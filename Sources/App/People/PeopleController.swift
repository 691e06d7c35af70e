import LanternDomain
import Policy
import Storage
import Vapor

/// The person search and the person page.
struct PeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: search)
        routes.get("people", ":id", use: person)
        routes.post("people", ":id", "break-glass", use: breakGlass)
    }

    /// Emergency access: a practitioner states why, and for the next hour
    /// sees what the agreements allow without a relationship. Flagged for the
    /// DPO's review in the audit ledger.
    func breakGlass(req: Request) async throws -> Response {
        try req.requireCSRF()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        struct Form: Content { var reason: String? }
        let reason = (try? req.content.decode(Form.self).reason) ?? ""
        let now = Int64(Date().timeIntervalSince1970)
        // Only those acting for one person in an emergency may break glass; a
        // declaration by anyone else is recorded as what it is: refused.
        let caller = try req.caller
        guard caller.roles.compactMap(Role.init(rawValue:)).contains(where: \.mayBreakGlass) else {
            let refusal = Refusal.breakGlassNotForRole(roles: caller.roles)
            try await req.audit(.breakGlass, subject: "person:\(id.uuidString)", resource: "person-page", decision: .deny,
                                reason: refusal.code + ": " + refusal.reason)
            throw refusal
        }
        do {
            let grant = try BreakGlassGrant(reason: reason, grantedAt: Moment(secondsSince1970: now),
                                            expiresAt: Moment(secondsSince1970: now + 3600))
            try await req.grantBreakGlass(grant, for: id)
            try await req.audit(.breakGlass, subject: "person:\(id.uuidString)", resource: "person-page",
                                reason: "for DPO review: " + String(grant.reason.prefix(400)))
        } catch let problem as BreakGlassGrant.Problem {
            try await req.audit(.breakGlass, subject: "person:\(id.uuidString)", resource: "person-page", decision: .deny,
                                reason: problem.code)
            return req.redirect(to: "/people/\(id.uuidString)?problem=" + (problem.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return req.redirect(to: "/people/\(id.uuidString)")
    }

    func search(req: Request) async throws -> View {
        let caller = try req.caller
        let query = try req.query.decode(SearchQuery.self)
        let model = try await PersonSearch(req: req, resource: "people-search").run(query)
        return try await req.renderPage("search", SearchPage(
            caller: .init(caller), csrf: req.csrfToken, query: query.name ?? "", born: query.born ?? "",
            searched: model.searched, results: model.results, problem: model.problem,
            furtherMatchesLine: model.furtherMatchesLine,
            requestAccessLinks: (model.requestAccessPaths ?? []).enumerated().map { index, path in
                SearchPage.Link(path: path, label: model.requestAccessPaths?.count == 1 ? "Ask for access" : "Ask for access to match \(index + 1)")
            }))
    }

    func person(req: Request) async throws -> View {
        let caller = try await PersonSearch.requireCaseReader(req, resource: "person-page")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "no such person")
        }
        guard var page = try await PersonFinder(database: try req.sql()).personPage(id)?.decided(for: req, resource: "person-page")
        else { throw Abort(.notFound, reason: "no such person") }
        // The timeline's filters apply to what the decision let through.
        let filter = try req.query.decode(TimelineFilter.self)
        let partners = Array(Set(page.events.map(\.partner))).sorted()
        let categories = Array(Set(page.events.map(\.dataCategoryCode))).sorted()
        page.events = filter.apply(page.events, partner: \.partner, category: \.dataCategoryCode, occurredOn: \.occurredOn)
        let chart = TimelineChart.svg(events: page.events.compactMap { event in
            guard let day = CalendarDate(parsing: event.occurredOn), let category = DataCategory(rawValue: event.dataCategoryCode) else { return nil }
            return (day, category)
        }, through: CalendarDate.today(at: Date()))
        return try await req.renderPage("person", PersonPageView(
            caller: .init(caller), csrf: req.csrfToken, person: page, chartSVG: chart, filter: filter,
            partners: partners, categories: categories,
            breakGlassActive: try await req.breakGlassInForce(for: id),
            canBreakGlass: caller.roles.compactMap(Role.init(rawValue:)).contains(where: \.mayBreakGlass), problem: req.query[String.self, at: "problem"],
            requested: req.query[Int.self, at: "requested"],
            legalHolds: try await LegalHoldsShown.on(person: id, records: page.records.map(\.partner), sql: try req.sql())))
    }
}

/// The person API: the same search and page as JSON.
struct PeopleAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: search)
        routes.get("people", ":id", use: person)
    }

    func search(req: Request) async throws -> SearchResult {
        try await PersonSearch(req: req, resource: "api-people-search").run(try req.query.decode(SearchQuery.self))
    }

    func person(req: Request) async throws -> PersonPage {
        _ = try await PersonSearch.requireCaseReader(req, resource: "api-person")
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let page = try await PersonFinder(database: try req.sql()).personPage(id)?.decided(for: req, resource: "api-person")
        else { throw Abort(.notFound, reason: "no such person") }
        return page
    }
}

struct CallerView: Encodable {
    var displayName: String
    var partner: String
    var roles: String
    /// The pages this caller's roles are offered.
    var navigation: [Navigation.Link]
    init(_ caller: Caller) {
        displayName = caller.displayName
        partner = caller.partner
        roles = caller.roles.joined(separator: ", ")
        navigation = Navigation.links(for: caller.roles)
    }
}

struct SearchPage: Encodable {
    var caller: CallerView
    var csrf: String
    var query: String
    var born: String
    var searched: Bool
    var results: [SearchRow]
    var problem: String?
    var furtherMatchesLine: String?
    var requestAccessLinks: [Link]

    struct Link: Encodable {
        var path: String
        var label: String
    }
}

struct PersonPageView: Encodable {
    var caller: CallerView
    var csrf: String
    var person: PersonPage
    var chartSVG: String
    var filter: TimelineFilter
    var partners: [String]
    var categories: [String]
    var breakGlassActive: Bool
    var canBreakGlass: Bool
    var problem: String?
    /// How many partners a just-made access request went to.
    var requested: Int?
    /// Legal holds in force that keep this person's records past their date.
    var legalHolds: [String] = []
    /// The purposes a disclosure may be asked for, for the form under "also known to".
    var disclosurePurposes: [PurposeOption] = KnownToPartner.purposes.map { PurposeOption(value: $0.rawValue, label: $0.plainLabel) }
}

struct PurposeOption: Encodable {
    var value: String
    var label: String
}

extension PersonPage {
    /// Asks the access decision about every item on the page and keeps what
    /// it shows; the household lists only members the caller may see by name.
    func decided(for req: Request, resource: String) async throws -> PersonPage {
        let decision = try await req.decideAccess(to: [personID: heldItems], resource: resource)
        var page = showing(decision[personID]!)
        if let household = page.household {
            let others = household.members.map(\.personID).filter { $0 != personID }
            var named = try await req.peopleNamed(others, resource: resource + " household")
            named.insert(personID)
            page.household = household.naming(only: named)
        }
        if !page.records.isEmpty {
            page.knownToPartners = try await req.knownToPartners(of: [personID], resource: resource)[personID] ?? []
        }
        return page
    }
}
