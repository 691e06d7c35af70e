import Foundation
import Vapor

/// The whole-family view: `/households/:id` and `/api/v1/households/:id`.
struct HouseholdController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            routes.get("households", ":id", use: json)
        } else {
            routes.get("households", ":id", use: page)
        }
    }

    struct View: Encodable {
        var caller: CallerView
        var csrf: String
        var household: HouseholdPage
        var filter: TimelineFilter
        /// The timeline's rows, escaped and rendered in Swift (`TimelineTable`).
        var timelineRows: String
    }

    func load(_ req: Request) async throws -> (page: HouseholdPage, rows: String, filter: TimelineFilter) {
        let id = try req.parameters.id(of: "household")
        let filter = try req.query.decode(TimelineFilter.self)
        guard let built = try await HouseholdPageBuilder(req: req).build(id, filter: filter) else {
            throw Abort(.notFound, reason: "no such household")
        }
        return (built.page, built.timelineRows, filter)
    }

    func page(req: Request) async throws -> Vapor.View {
        let caller = try req.caller
        var (household, rows, filter) = try await load(req)
        // The rows are already HTML; Leaf need not see the items again.
        household.timeline = []
        return try await req.renderPage("household", View(caller: .init(caller), csrf: req.csrfToken, household: household,
                                                            filter: filter, timelineRows: rows))
    }

    func json(req: Request) async throws -> HouseholdPage {
        try await load(req).page
    }
}
