import LanternDomain
import Storage
import Vapor

/// `POST /api/v1/imports?partner=SLUG&kind=KIND` with the extract as the body.
struct ImportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "imports", body: .collect(maxSize: "256mb"), use: create)
    }

    struct Parameters: Content {
        var partner: String
        var kind: String
        var name: String?
    }

    func create(req: Request) async throws -> ImportSummaryResponse {
        let caller = try req.caller
        let parameters = try req.query.decode(Parameters.self)
        guard let kind = ImportKind(rawValue: parameters.kind) else {
            throw Abort(.badRequest, reason: "kind must be people, events or involvements")
        }
        // A partner's staff load their own partner's extracts; the hub's
        // analysts and administrators may load any partner's.
        guard caller.partner == parameters.partner || caller.roles.contains("analyst") || caller.roles.contains("admin") else {
            throw Abort(.forbidden, reason: "you may only import extracts for your own partner")
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "send the extract as the request body")
        }
        let name = parameters.name ?? "\(kind.rawValue).\(req.headers.contentType == .json ? "json" : "csv")"
        let source = try ExtractSource.data(Data(buffer: body), name: name,
                                            contentType: req.headers.contentType?.serialize())
        let summary = try await ImportService(database: req.db, logger: req.logger, audit: req.application.auditTrail,
                                                actor: caller.userID.uuidString, linker: req.application.storeLinker, alerts: req.application.accessGate)
            .run(partner: parameters.partner, kind: kind, source: source)
        return ImportSummaryResponse(summary)
    }
}

struct ImportSummaryResponse: Content {
    var batchID: UUID
    var partner: String
    var kind: String
    var file: String
    var loaded: Int
    var updated: Int
    var rejected: Int
    var seconds: Double

    init(_ summary: ImportSummary) {
        batchID = summary.batchID
        partner = summary.partner
        kind = summary.kind.rawValue
        file = summary.file
        loaded = summary.loaded
        updated = summary.updated
        rejected = summary.rejected
        seconds = summary.seconds
    }
}
