import Foundation
import LanternDomain
import Policy
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
        try await Self.requireLoader(req, caller: caller, partner: parameters.partner, kind: kind)
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

extension ImportsController {
    /// Refuses, and audits, anyone who may not load this partner's extract:
    /// a feed token loads only its own partner's, people as ``ExtractLoading`` says.
    static func requireLoader(_ req: Request, caller: Caller, partner: String, kind: ImportKind) async throws {
        let denial: Refusal?
        if caller.tokenPurposes != nil {
            denial = caller.partner == partner ? nil : .extractOfAnotherPartner(feed: caller.partner, partner: partner)
        } else {
            let policy = try await req.application.accessGate.current(try req.sql())
            let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
            denial = ExtractLoading.decide(for: requester, partner: partner, index: policy.index,
                                           on: CalendarDate.today(at: Date())).map(Refusal.policy)
        }
        guard let denial else { return }
        try await req.audit(.import, subject: "partner:\(partner)", resource: "extract kind:\(kind.rawValue)", decision: .deny,
                            reason: String(denial.reason.prefix(500)), purpose: "governance")
        throw denial
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
    /// Rows naming a disposed record, skipped while the rest loaded.
    var notReimported: [ImportProblem]

    init(_ summary: ImportSummary) {
        batchID = summary.batchID
        partner = summary.partner
        kind = summary.kind.rawValue
        file = summary.file
        loaded = summary.loaded
        updated = summary.updated
        rejected = summary.rejected
        seconds = summary.seconds
        notReimported = summary.notReimported
    }
}
