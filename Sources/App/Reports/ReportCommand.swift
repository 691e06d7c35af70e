import ArgumentParser
import Foundation
import LanternDomain
import Storage

/// `lantern report trends|hotspots|repeat-victimisation|service-overlap|partner-combinations|case-finding|marac-return|asb-review
/// --format csv|json|html [--from --to --area ...]`:
/// the same released tables as `/reports`, from the store in `LANTERN_DATA`,
/// through the same disclosure control, register and audit ledger.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Print a depersonalised report (trends, hotspots, repeat-victimisation, service-overlap, partner-combinations, case-finding, marac-return or asb-review).")

    @ArgumentParser.Argument(help: "trends, hotspots, or one of the people-based reports and returns") var kind: String
    @ArgumentParser.Option(help: "csv, json or html") var format = "csv"
    @ArgumentParser.Option(help: "First month, YYYY-MM") var from: String?
    @ArgumentParser.Option(help: "Last month, YYYY-MM") var to: String?
    @ArgumentParser.Option(help: "Postcode district or sector") var area: String?
    @ArgumentParser.Option(help: "month, quarter or year") var period: String?
    @ArgumentParser.Option(help: "category, partner or area") var by: String?
    @ArgumentParser.Option(help: "A category group id, sensitive or all") var category: String?
    @ArgumentParser.Option(help: "board, partners or public") var audience: String?
    @ArgumentParser.Option(help: "The equality report's split: sex, age or ethnicity") var split: String?
    @ArgumentParser.Option(help: "The evaluation's intervention: marac or lead-professional") var intervention: String?
    @ArgumentParser.Option(help: "Who is asking, for the audit ledger") var actor = "cli"

    func validate() throws {
        let kinds = ["trends", "hotspots"] + BoardReport.allCases.map(\.rawValue)
        guard kinds.contains(kind) else { throw ValidationError("No report '\(kind)': use \(kinds.joined(separator: ", ")).") }
        guard ["csv", "json", "html"].contains(format) else { throw ValidationError("No format '\(format)': use csv, json or html.") }
    }

    func run() async throws {
        var config = LanternConfiguration.fromEnvironment()
        config.logLevel = .warning
        let query = ReportQuery(from: from, to: to, period: period, by: by, area: area, category: category, audience: audience, split: split, intervention: intervention)
        let text = try await AppRunner.withApp(config) { app in
            let maker = ReportMaker(snapshot: try await app.reportAggregates.current(try AppRunner.sql(app)),
                                    service: ReleaseService(trail: app.auditTrail), actor: actor, partner: "",
                                    database: app.db, thisMonth: ReportsController.thisMonth)
            do {
                if let report = BoardReport(rawValue: kind) {
                    let sql = try AppRunner.sql(app)
                    let maker = try await BoardReportMaker.make(for: report, app: app, sql: sql, database: app.db, actor: actor,
                                                                partner: "", thisMonth: ReportsController.thisMonth)
                    return try render(try await maker.release(report, query), svg: nil)
                }
                if kind == "hotspots" {
                    let (released, cells) = try await maker.hotspots(query)
                    return try render(released, svg: HotspotMap.svg(released.table, cells: cells))
                }
                return try render(try await maker.trends(query), svg: nil)
            } catch let problem as ReportProblem {
                throw ValidationError(problem.reason)
            }
        }
        print(text, terminator: "")
    }

    func render(_ released: ReportsController.Released, svg: String?) throws -> String {
        let table = released.table
        switch format {
        case "json":
            let rows = table.rows.map { ["label": $0.label, "counts": $0.values.map(\.description)] as [String: any Sendable] }
            let object: [String: Any] = ["title": table.title, "policy": table.policy, "rowHeading": table.rowHeading,
                                         "columns": table.columns, "rows": rows, "totals": table.totals.map(\.description),
                                         "notes": table.notes, "sha256": released.digest,
                                         "derived": released.derived.map { ["heading": $0.heading, "rows": $0.rows, "total": $0.total] as [String: Any] } ?? NSNull()]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self) + "\n"
        case "html":
            let e = HTMLText.escape
            var html = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(e(table.title))</title><h1>\(e(table.title))</h1>"
            for note in table.notes { html += "<p>\(e(note))</p>" }
            if let svg { html += "<figure>\(svg)</figure>" }
            html += "<table><thead><tr><th scope=\"col\">\(e(table.rowHeading))</th>" + table.columns.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in table.rows { html += "<tr><th scope=\"row\">\(e(row.label))</th>" + row.values.map { "<td>\($0)</td>" }.joined() + "</tr>" }
            html += "<tr><th scope=\"row\">Total</th>" + table.totals.map { "<td>\($0)</td>" }.joined() + "</tr></tbody></table>"
            return html + "<p>Policy \(e(table.policy)); release SHA-256 \(released.digest)</p></html>\n"
        default:
            return ReportsController.csvText(table, derived: released.derived)
        }
    }
}
