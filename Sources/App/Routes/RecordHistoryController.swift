import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/records/:partner/:record/history` (a partner's record of a person),
/// `/events/...` and `/involvements/...`: every version, newest first, with
/// the file it came in, through the access decision.
struct RecordHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for kind in RecordPath.Kind.allCases {
            routes.get(PathComponent(stringLiteral: kind.rawValue), ":partner", ":record", "history") { req in
                try await page(req: req, kind: kind)
            }
        }
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
        var kind: String
        var personID: UUID?
        var versions: [Version]
        var withheld: String?
    }

    func page(req: Request, kind: RecordPath.Kind) async throws -> View {
        let caller = try req.caller
        let partner = try req.parameters.identifier("partner", of: "partner")
        let record = try req.parameters.identifier("record", of: "record")
        let held: HeldRecordKind = switch kind {
        case .records: .person
        case .events: .event
        case .involvements: .involvement
        }
        let history = try await RecordHistoryRepository(database: try req.sql()).history(of: held, partner: partner, recordID: record)
        let versions = history.versions
        guard let person = history.person, !versions.isEmpty else { throw Abort(.notFound, reason: "no such record") }
        // Every version holds data of the record's category, held by the partner; an
        // unknown category is treated as the most sensitive the policy knows.
        let category = DataCategory(rawValue: history.dataCategory) ?? .crime
        let decision = try await req.decideAccess(to: [person: versions.map { _ in HeldItem(heldBy: partner, category: category) }],
                                                  resource: "\(held.rawValue)-history")[person]!
        let visible = Set(decision.visibleIndices)
        let formatter = ISO8601DateFormatter()
        return try await req.renderPage("record-history", Page(
            caller: .init(caller), csrf: req.csrfToken, partner: partner, recordID: record,
            kind: held == .person ? "record" : held.rawValue,
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
