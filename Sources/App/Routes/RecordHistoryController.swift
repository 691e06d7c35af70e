import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/records/:partner/:record/history`: every version of a partner's record
/// of a person, newest first, through the access decision.
struct RecordHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("records", ":partner", ":record", "history", use: page)
    }

    struct Version: Encodable {
        var version: Int
        var receivedAt: String
        var supersededAt: String?
        var importFile: String?
        var fields: [Field]
    }

    struct Field: Encodable {
        var name: String
        var value: String
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var partner: String
        var recordID: String
        var personID: UUID?
        var versions: [Version]
        var withheld: String?
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        guard let partner = req.parameters.get("partner"), let record = req.parameters.get("record") else { throw Abort(.notFound) }
        let (person, versions) = try await RecordHistoryRepository(database: try req.sql()).history(partner: partner, recordID: record)
        guard let person, !versions.isEmpty else { throw Abort(.notFound, reason: "no such record") }
        // Every version is identity data held by the partner.
        let decision = try await req.decideAccess(to: [person: versions.map { _ in HeldItem(heldBy: partner, category: .identity) }],
                                                  resource: "record-history")[person]!
        let visible = Set(decision.visibleIndices)
        let formatter = ISO8601DateFormatter()
        return try await req.view.render("record-history", Page(
            caller: .init(caller), csrf: req.csrfToken, partner: partner, recordID: record,
            personID: visible.isEmpty ? nil : person,
            versions: versions.indices.filter { visible.contains($0) }.map { index in
                let version = versions[index]
                return Version(version: version.version, receivedAt: formatter.string(from: version.receivedAt),
                               supersededAt: version.supersededAt.map(formatter.string(from:)), importFile: version.importFile,
                               fields: version.fields.sorted { $0.key < $1.key }.map { Field(name: $0.key.replacingOccurrences(of: "_", with: " "), value: $0.value) })
            },
            withheld: decision.summary))
    }
}
