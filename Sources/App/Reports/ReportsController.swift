import Foundation
import LanternDomain
import Storage
import Vapor

/// The strategic lead's reports at `/reports`: a dashboard, trends and
/// hotspots, each as a page, a CSV download and a JSON API. Every figure
/// leaves through ``ReleaseService`` (count rule, differencing guard, ledger).
struct ReportsController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("reports")
        if api {
            group.get("trends") { req in try await ReportJSON(try await self.trends(req)) }
            group.get("hotspots") { req in try await ReportJSON(try await self.hotspots(req).release) }
        } else {
            group.get(use: dashboard)
            group.get("trends", use: trendsPage)
            group.get("trends.csv") { req in Self.csv(try await self.trends(req), name: "trends") }
            group.get("hotspots", use: hotspotsPage)
            group.get("hotspots.csv") { req in Self.csv(try await self.hotspots(req).release, name: "hotspots") }
        }
    }

    struct Released {
        var table: ReleasedTable
        var digest: String
        /// A rate worked out from the released figures, when the report has one.
        var derived: DerivedValues? = nil
        /// The evaluation's matched comparison, as disclosed.
        var effect: EffectRelease? = nil
    }

    func trends(_ req: Request, query override: ReportQuery? = nil) async throws -> Released {
        try await maker(req).trends(override ?? req.query.decode(ReportQuery.self))
    }

    func hotspots(_ req: Request, query override: ReportQuery? = nil) async throws -> (release: Released, cells: [HotspotReport.MapCell]) {
        try await maker(req).hotspots(override ?? req.query.decode(ReportQuery.self))
    }

    /// Refuses callers without the read-reports capability (audited), then reads the current aggregates.
    func maker(_ req: Request) async throws -> ReportMaker {
        let caller = try await req.requireCapability(.readReports, subject: "reports")
        return ReportMaker(snapshot: try await req.application.reportAggregates.current(try req.sql()),
                           service: ReleaseService(trail: req.application.auditTrail), actor: caller.userID.uuidString,
                           partner: caller.partner, database: req.db, thisMonth: Self.thisMonth)
    }

    static var thisMonth: Int {
        let today = CalendarDate.today(at: Date())
        return MonthIndex.of(year: today.year, month: today.month)
    }

    // MARK: pages

    func dashboard(req: Request) async throws -> View {
        let caller = try await req.requireCapability(.readReports, subject: "reports")
        let monthly = try await trends(req, query: ReportQuery())
        let sensitive = try await trends(req, query: ReportQuery(period: "quarter", category: "sensitive"))
        let (hotspot, cells) = try await hotspots(req, query: ReportQuery())
        let marac = try await BoardReportMaker.make(for: .maracReturn, app: req.application, sql: try req.sql(), database: req.db,
                                                    actor: caller.userID.uuidString, partner: caller.partner, thisMonth: Self.thisMonth)
            .release(.maracReturn, ReportQuery(period: "quarter"))
        let recent = try await ReleaseRepository(database: try req.sql()).recent(limit: 8)
        return try await req.renderPage("reports", DashboardPage(
            caller: .init(caller), csrf: req.csrfToken, trends: TableView(monthly), sensitive: TableView(sensitive),
            hotspots: TableView(hotspot), hotspotSVG: HotspotMap.svg(hotspot.table, cells: cells), marac: TableView(marac),
            recent: recent.map { RecentRelease(title: $0.table.title, policy: $0.table.policy, digest: String($0.digest.prefix(16)),
                                                at: GovernanceTime.text(millis: $0.releasedAt * 1000)) }))
    }

    func trendsPage(req: Request) async throws -> View {
        let caller = try req.caller
        let query = try req.query.decode(ReportQuery.self)
        let released = try await trends(req)
        return try await req.renderPage("report", ReportPage(
            caller: .init(caller), csrf: req.csrfToken, report: "trends", table: TableView(released), svg: nil,
            query: query, csv: "/reports/trends.csv" + Self.queryString(req)))
    }

    func hotspotsPage(req: Request) async throws -> View {
        let caller = try req.caller
        let query = try req.query.decode(ReportQuery.self)
        let (released, cells) = try await hotspots(req)
        return try await req.renderPage("report", ReportPage(
            caller: .init(caller), csrf: req.csrfToken, report: "hotspots", table: TableView(released),
            svg: HotspotMap.svg(released.table, cells: cells), query: query, csv: "/reports/hotspots.csv" + Self.queryString(req)))
    }

    static func queryString(_ req: Request) -> String { req.url.query.map { "?" + $0 } ?? "" }

    /// Every count column's name ends in `count`; a suppressed cell reads `*`.
    static func csvText(_ table: ReleasedTable, derived: DerivedValues? = nil) -> String {
        var csv = CSVTable(header: [table.rowHeading] + table.columns.map { "\($0) count" } + (derived.map { [$0.heading] } ?? []))
        csv.rows = table.rows.enumerated().map { index, row in [row.label] + row.values.map(\.description) + (derived.map { [$0.rows[index]] } ?? []) }
            + [["Total"] + table.totals.map(\.description) + (derived.map { [$0.total] } ?? [])]
        return csv.text
    }

    static func csv(_ released: Released, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: csvText(released.table, derived: released.derived)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "\(name).csv")
        response.headers.replaceOrAdd(name: "X-Release-SHA256", value: released.digest)
        return response
    }
}

/// A released table for pages: text only, as released.
struct TableView: Encodable {
    struct Row: Encodable {
        var label: String
        var values: [String]
    }

    var title: String
    var policy: String
    var rowHeading: String
    var columns: [String]
    var rows: [Row]
    var totals: [String]
    var notes: [String]
    var digest: String

    init(_ released: ReportsController.Released) {
        let table = released.table
        title = table.title
        policy = table.policy
        rowHeading = table.rowHeading
        columns = table.columns
        rows = table.rows.map { Row(label: $0.label, values: $0.values.map(\.description)) }
        totals = table.totals.map(\.description)
        notes = table.notes
        digest = released.digest
    }
}

struct RecentRelease: Encodable {
    var title, policy, digest, at: String
}

struct DashboardPage: Encodable {
    var caller: CallerView
    var csrf: String
    var trends: TableView
    var sensitive: TableView
    var hotspots: TableView
    var hotspotSVG: String
    var marac: TableView
    var recent: [RecentRelease]
}

struct ReportPage: Encodable {
    var caller: CallerView
    var csrf: String
    var report: String
    var table: TableView
    var svg: String?
    var query: ReportQuery
    var csv: String
}

/// A released table in the JSON API: counts as text, so `*` reads the same as in the CSV.
struct ReportJSON: Content {
    struct Row: Content {
        var label: String
        var counts: [String]
    }

    var title: String
    var policy: String
    var rowHeading: String
    var columns: [String]
    var rows: [Row]
    var totals: [String]
    var notes: [String]
    var sha256: String
    /// A rate worked out from the released figures (reports that have one).
    var derived: DerivedValues?
    /// The matched comparison (the evaluation report only).
    var effect: EffectRelease?

    init(_ released: ReportsController.Released) async throws {
        derived = released.derived
        effect = released.effect
        let table = released.table
        title = table.title
        policy = table.policy
        rowHeading = table.rowHeading
        columns = table.columns
        rows = table.rows.map { Row(label: $0.label, counts: $0.values.map(\.description)) }
        totals = table.totals.map(\.description)
        notes = table.notes
        sha256 = released.digest
    }
}
