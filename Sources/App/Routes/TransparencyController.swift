import Foundation
import LanternDomain
import Storage
import Vapor

/// The transparency documents, generated from the stored agreements (the
/// ones the access decision enforces): the Record of Processing Activities
/// and each partner's privacy notice, as pages and CSV downloads.
struct TransparencyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let transparency = routes.grouped("transparency")
        transparency.get("ropa", use: ropaPage)
        transparency.get("ropa.csv", use: ropaCSV)
        // One route for the page and its download: `:partner.csv` is not a path pattern Vapor knows.
        transparency.get("privacy-notice", ":partner", use: notice)
    }

    struct RecordPage: Encodable {
        var caller: CallerView
        var csrf: String
        var record: RecordOfProcessing
        var partners: [NamedPartner]
    }

    struct NoticePage: Encodable {
        var caller: CallerView
        var csrf: String
        var notice: PrivacyNotice
    }

    private static func record(_ req: Request) async throws -> (RecordOfProcessing, [Partner]) {
        let partnership = PartnershipRepository(database: try req.sql())
        let partners = try await partnership.partners()
        let record = RecordOfProcessing(agreements: try await partnership.agreements(), partners: partners,
                                        on: CalendarDate.today(at: Date()))
        return (record, partners)
    }

    func ropaPage(req: Request) async throws -> View {
        let (record, partners) = try await Self.record(req)
        return try await req.renderPage("ropa", RecordPage(
            caller: .init(try req.caller), csrf: req.csrfToken, record: record,
            partners: partners.map { NamedPartner(slug: $0.slug, name: $0.name) }))
    }

    func ropaCSV(req: Request) async throws -> Response {
        let (record, _) = try await Self.record(req)
        return Self.download(record.csv, name: "record-of-processing-\(record.asOf).csv")
    }

    func notice(req: Request) async throws -> Response {
        var slug = try req.parameters.identifier("partner", of: "partner: choose one from the Record of Processing Activities")
        let csv = slug.hasSuffix(".csv")
        if csv { slug.removeLast(4) }
        let partnership = PartnershipRepository(database: try req.sql())
        let partners = try await partnership.partners()
        guard let partner = partners.first(where: { $0.slug == slug }) else {
            throw Abort(.notFound, reason: "no partner has the slug \"\(slug)\": choose one from the Record of Processing Activities")
        }
        let notice = PrivacyNotice(partner: partner, agreements: try await partnership.agreements(), partners: partners,
                                   on: CalendarDate.today(at: Date()))
        if csv { return Self.download(notice.csv, name: "privacy-notice-\(slug)-\(notice.asOf).csv") }
        return try await req.renderPage("privacy-notice", NoticePage(caller: .init(try req.caller), csrf: req.csrfToken,
                                                                      notice: notice)).encodeResponse(for: req)
    }

    private static func download(_ table: CSVTable, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: table.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
