import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// The agreements as data: the list, one agreement with its flows and
/// versions, and its status changes. Pages at `/agreements`, JSON at
/// `/api/v1/agreements`. Anyone signed in may read them (they hold no
/// personal data); only those whose ``Capability`` allows managing
/// agreements may change them.
struct AgreementsController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let agreements = routes.grouped("agreements")
        if api {
            agreements.get(use: listJSON)
            agreements.get(":id", use: detailJSON)
            agreements.post(":id", "changes", use: changeJSON)
        } else {
            agreements.get(use: listPage)
            agreements.get(":id", use: detailPage)
            agreements.post(":id", "changes", use: changeForm)
        }
    }

    struct ListPage: Encodable {
        var caller: CallerView
        var csrf: String
        var today: String
        var agreements: [AgreementRow]
        var overdue: Int
    }

    struct DetailPage: Encodable {
        var caller: CallerView
        var csrf: String
        var agreement: AgreementDetail
        var canManage: Bool
        var earliestEffective: String
        var message: String?
        var error: String?
    }

    /// The caller's partner names, for pages.
    private static func names(_ req: Request) async throws -> [String: String] {
        Dictionary(try await PartnershipRepository(database: try req.sql()).partners().map { ($0.slug, $0.name) },
                   uniquingKeysWith: { first, _ in first })
    }

    private static func rows(_ req: Request, today: CalendarDate) async throws -> [AgreementRow] {
        let names = try await names(req)
        return try await AgreementRepository(database: try req.sql()).all().map { AgreementRow($0, names: names, today: today) }
    }

    static func detail(_ req: Request, today: CalendarDate) async throws -> AgreementDetail {
        let id = try req.parameters.id(of: "agreement")
        guard let stored = try await AgreementRepository(database: try req.sql()).find(id) else {
            throw Abort(.notFound, reason: "no agreement has that id: choose one from the list of agreements")
        }
        let repository = AgreementRepository(database: try req.sql())
        let holdings = try await stored.agreement.withdrawal.asyncMap { try await repository.holdings(of: $0.partner) }
        return AgreementDetail(stored, history: try await repository.history(of: id), holdings: holdings,
                               names: try await names(req), today: today)
    }

    func listPage(req: Request) async throws -> View {
        let today = CalendarDate.today(at: Date())
        let rows = try await Self.rows(req, today: today)
        return try await req.renderPage("agreements", ListPage(
            caller: .init(try req.caller), csrf: req.csrfToken, today: today.description, agreements: rows,
            overdue: rows.filter(\.reviewOverdue).count))
    }

    func detailPage(req: Request) async throws -> View {
        let caller = try req.caller
        let today = CalendarDate.today(at: Date())
        let detail = try await Self.detail(req, today: today)
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        return try await req.renderPage("agreement", DetailPage(
            caller: .init(caller), csrf: req.csrfToken, agreement: detail,
            canManage: Capability.manageAgreements.decide(for: requester, partner: detail.summary.owner) == nil,
            earliestEffective: Withdrawal.earliestEffectiveDate(noticeGivenOn: today).description,
            message: req.query[String.self, at: "done"].map { "Agreement changed: now \($0)." },
            error: req.query[String.self, at: "error"]))
    }

    func changeForm(req: Request) async throws -> Response {
        try req.requireCSRF()
        let id = try req.parameters.id(of: "agreement")
        let request = try req.content.decode(AgreementChangeRequest.self)
        func back(_ query: String) -> Response { req.redirect(to: "/agreements/\(id.uuidString)?\(query)") }
        do {
            let updated = try await AgreementLifecycle.change(req, id: id, request)
            return back("done=" + Self.encoded(updated.agreement.status.label))
        } catch let problem as AgreementChangeProblem {
            return back("error=" + Self.encoded(problem.description))
        } catch let conflict as AgreementVersionConflict {
            return back("error=" + Self.encoded(conflict.description))
        }
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    func listJSON(req: Request) async throws -> [AgreementRow] {
        try await Self.rows(req, today: CalendarDate.today(at: Date()))
    }

    func detailJSON(req: Request) async throws -> AgreementDetail {
        try await Self.detail(req, today: CalendarDate.today(at: Date()))
    }

    /// The refusal's stable code goes with its message, so clients can branch.
    struct ChangeRefusal: Content {
        var error: String
        var code: String
    }

    func changeJSON(req: Request) async throws -> Response {
        let id = try req.parameters.id(of: "agreement")
        do {
            let updated = try await AgreementLifecycle.change(req, id: id, try req.content.decode(AgreementChangeRequest.self))
            req.parameters.set("id", to: updated.id.uuidString)
            return try await Self.detail(req, today: CalendarDate.today(at: Date())).encodeResponse(status: .ok, for: req)
        } catch let problem as AgreementChangeProblem {
            return try await ChangeRefusal(error: problem.description, code: problem.code)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let conflict as AgreementVersionConflict {
            return try await ChangeRefusal(error: conflict.description, code: "version-conflict")
                .encodeResponse(status: .conflict, for: req)
        }
    }
}
