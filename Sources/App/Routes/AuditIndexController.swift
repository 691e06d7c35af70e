import Foundation
import Storage
import Vapor

/// `/audit`: the DPO's way into the ledger. Asks whose access to look at (a
/// person's id, or a user's username or id) and sends them to that view;
/// links the unusual-access report. Only ``Capability/readAudit`` holders.
///
/// The form is a GET, so the DPO's browser history holds a pseudonymous id
/// or an account name, never a person's name.
struct AuditIndexController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page)
    }

    struct Query: Content {
        var person: String?
        var user: String?
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var person: String
        var user: String
        /// Problems, each naming the field it is about (the summary links to it).
        var problems: [Problem]
        var entries: Int
        var breakGlassAwaitingReview: Int
    }

    struct Problem: Encodable {
        var field: String
        var text: String
    }

    func page(req: Request) async throws -> Response {
        let caller = try await req.requireCapability(.readAudit, subject: "audit:index")
        let query = try req.query.decode(Query.self)
        let person = (query.person ?? "").trimmingCharacters(in: .whitespaces)
        let user = (query.user ?? "").trimmingCharacters(in: .whitespaces)
        var problems: [Problem] = []
        if !person.isEmpty {
            if let id = UUID(uuidString: person) { return req.redirect(to: "/audit/people/\(id.uuidString)") }
            problems.append(Problem(field: "person", text: "Enter the person's Lantern id, as shown on their record (36 characters with dashes)."))
        }
        if !user.isEmpty {
            let users = UserRepository(database: try req.sql())
            var found = try await users.find(username: user)
            if found == nil, let id = UUID(uuidString: user) { found = try await users.find(id: id) }
            if let found { return req.redirect(to: "/audit/users/\(found.id.uuidString)") }
            problems.append(Problem(field: "user", text: "No account has the username or id \"\(user.prefix(60))\": check the spelling."))
        }
        let counts = AttentionCounts(database: try req.sql())
        let page = Page(caller: .init(caller), csrf: req.csrfToken, person: String(person.prefix(60)), user: String(user.prefix(60)),
                        problems: problems, entries: try await counts.auditEntries(),
                        breakGlassAwaitingReview: try await counts.breakGlassAwaitingReview())
        let response = try await req.renderPage("audit", page).encodeResponse(for: req)
        if !problems.isEmpty { response.status = .unprocessableEntity }
        return response
    }
}
