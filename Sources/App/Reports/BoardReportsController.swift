import Foundation
import LanternDomain
import Storage
import Vapor

/// The people-based reports and the returns at `/reports/<report>`: repeat
/// victimisation, service overlap, partner combinations, case finding, the
/// MARAC return and the ASB case review counts, each as a page, a CSV
/// download and a JSON API. Every figure leaves through ``ReleaseService``.
struct BoardReportsController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("reports")
        for report in BoardReport.allCases {
            if api {
                group.get(.constant(report.rawValue)) { req in try await ReportJSON(try await self.release(report, req)) }
            } else {
                group.get(.constant(report.rawValue)) { req in try await self.page(report, req) }
                group.get(.constant(report.rawValue + ".csv")) { req in
                    ReportsController.csv(try await self.release(report, req), name: report.rawValue)
                }
            }
        }
    }

    /// Refuses callers without the read-reports capability (audited), then releases the report.
    func release(_ report: BoardReport, _ req: Request) async throws -> ReportsController.Released {
        let caller = try await req.requireCapability(.readReports, subject: "reports")
        let sql = try req.sql()
        let maker = try await BoardReportMaker.make(for: report, app: req.application, sql: sql, database: req.db,
                                                    actor: caller.userID.uuidString, partner: caller.partner,
                                                    thisMonth: ReportsController.thisMonth)
        return try await maker.release(report, try req.query.decode(ReportQuery.self))
    }

    func page(_ report: BoardReport, _ req: Request) async throws -> View {
        let released = try await release(report, req)
        return try await req.renderPage("board-report", BoardReportPage(
            caller: .init(try req.caller), csrf: req.csrfToken, report: report.rawValue, heading: report.heading,
            method: report.method, table: TableView(released), effect: released.effect, hasRate: released.derived != nil,
            rateHeading: released.derived?.heading ?? "", rateTotal: released.derived?.total ?? "",
            rows: released.table.rows.enumerated().map { index, row in
                BoardRow(label: row.label, values: row.values.map(\.description), rate: released.derived?.rows[index] ?? "")
            }, query: try req.query.decode(ReportQuery.self),
            csv: "/reports/\(report.rawValue).csv" + ReportsController.queryString(req),
            others: BoardReport.allCases.filter { $0 != report }.map { BoardReportLink(path: "/reports/\($0.rawValue)", label: $0.heading) }))
    }
}

struct BoardReportLink: Encodable {
    var path: String
    var label: String
}

struct BoardRow: Encodable {
    var label: String
    var values: [String]
    var rate: String
}

struct BoardReportPage: Encodable {
    var caller: CallerView
    var csrf: String
    var report: String
    var heading: String
    var method: String
    var table: TableView
    var effect: EffectRelease?
    var hasRate: Bool
    var rateHeading: String
    var rateTotal: String
    var rows: [BoardRow]
    var query: ReportQuery
    var csv: String
    var others: [BoardReportLink]
}
