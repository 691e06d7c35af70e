import LanternDomain
import Storage
import Vapor

/// The person search and the person page.
struct PeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: search)
        routes.get("people", ":id", use: person)
    }

    func search(req: Request) async throws -> View {
        let caller = try req.caller
        let query = try req.query.decode(SearchQuery.self)
        let model = try await PersonFinder(database: try req.sql()).search(query)
        if model.searched {
            try await req.audit(.read, subject: "search", resource: "people-search results:\(model.results.count)",
                                reason: "person search")
        }
        return try await req.view.render("search", SearchPage(
            caller: .init(caller), csrf: req.csrfToken, query: query.name ?? "", born: query.born ?? "",
            searched: model.searched, results: model.results, problem: model.problem))
    }

    func person(req: Request) async throws -> View {
        let caller = try req.caller
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "no such person")
        }
        guard let page = try await PersonFinder(database: try req.sql()).personPage(id) else {
            throw Abort(.notFound, reason: "no such person")
        }
        try await req.audit(.read, subject: "person:\(id.uuidString)", resource: "person-page records:\(page.records.count) events:\(page.events.count)",
                            reason: "person page")
        return try await req.view.render("person", PersonPageView(caller: .init(caller), csrf: req.csrfToken, person: page))
    }
}

/// The person API: the same search and page as JSON.
struct PeopleAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: search)
        routes.get("people", ":id", use: person)
    }

    func search(req: Request) async throws -> SearchResult {
        let result = try await PersonFinder(database: try req.sql()).search(try req.query.decode(SearchQuery.self))
        if result.searched {
            try await req.audit(.read, subject: "search", resource: "api-people-search results:\(result.results.count)",
                                reason: "person search")
        }
        return result
    }

    func person(req: Request) async throws -> PersonPage {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let page = try await PersonFinder(database: try req.sql()).personPage(id) else {
            throw Abort(.notFound, reason: "no such person")
        }
        try await req.audit(.read, subject: "person:\(id.uuidString)", resource: "api-person records:\(page.records.count)",
                            reason: "person page")
        return page
    }
}

struct CallerView: Encodable {
    var displayName: String
    var partner: String
    var roles: String
    init(_ caller: Caller) {
        displayName = caller.displayName
        partner = caller.partner
        roles = caller.roles.joined(separator: ", ")
    }
}

struct SearchPage: Encodable {
    var caller: CallerView
    var csrf: String
    var query: String
    var born: String
    var searched: Bool
    var results: [PersonMatch]
    var problem: String?
}

struct PersonPageView: Encodable {
    var caller: CallerView
    var csrf: String
    var person: PersonPage
}
