import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// `/matac/rules`: the weights behind the MATAC score, visible to the
/// panel's chairs and analysts with every saved version; analysts edit them
/// as JSON, and a change is validated whole, saved as a new numbered version
/// with who, when and why, and audited. Nothing is overwritten.
struct MatacRulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("matac", "rules", use: page)
        routes.post("matac", "rules", use: save)
    }

    struct Version: Encodable {
        var version: Int
        var author: String
        var reason: String
        var savedAt: String
        var changes: [String]
    }

    struct RulesPage: Encodable {
        var caller: CallerView
        var csrf: String
        var version: Int
        var lookBackDays: Int
        var roles: String
        var gravity: [Labelled]
        var recency: [Labelled]
        var frequency: [Labelled]
        var victims: [Labelled]
        var serial: String
        var pairingDays: Int
        var history: [Version]
        var canEdit: Bool
        var draft: String
        var reason: String
        var problems: [String]
        var message: String?
    }

    struct Form: Content {
        var weights: String
        var reason: String
    }

    static func json(_ weights: MatacWeights) throws -> String {
        try RulesDocument.text(weights)
    }

    func render(_ req: Request, draft: String? = nil, reason: String = "", problems: [String] = [], message: String? = nil) async throws -> View {
        let caller = try RiskCaseAccess.require(req, MatacController.viewers, to: "see the MATAC weights")
        let sql = try req.sql()
        let weights = try await MatacService(sql: sql).weights()
        let saved = try await MatacRepository(database: sql).weightsHistory()
        let decoder = JSONDecoder()
        let sets = try saved.map { try decoder.decode(MatacWeights.self, from: Data($0.json.utf8)) }
        let history = saved.indices.map { index in
            Version(version: saved[index].version, author: saved[index].authorName, reason: saved[index].reason,
                    savedAt: GovernanceTime.text(saved[index].savedAt),
                    changes: sets[index].changes(since: index + 1 < sets.count ? sets[index + 1] : .standard))
        }
        return try await req.renderPage("matac-rules", RulesPage(
            caller: .init(caller), csrf: req.csrfToken, version: weights.version, lookBackDays: weights.lookBackDays,
            roles: weights.roles.joined(separator: ", "),
            gravity: weights.gravity.map { Labelled(label: MatacScore.label($0.category), value: "\($0.points)") },
            recency: weights.recency.map { Labelled(label: "within \($0.withinDays) days", value: "\($0.points)") },
            frequency: weights.frequency.map { Labelled(label: "\($0.atLeast) or more events", value: "\($0.points)") },
            victims: weights.victims.map { Labelled(label: "\($0.atLeast) or more victims", value: "\($0.points)") },
            serial: "\(weights.serial.distinctVictims) or more different victims within \(weights.serial.withinDays) days",
            pairingDays: weights.pairingDays, history: history, canEdit: caller.roles.contains("analyst"),
            draft: try draft ?? Self.json(weights), reason: reason, problems: problems, message: message))
    }

    func page(req: Request) async throws -> View {
        try await render(req, message: req.query[Int.self, at: "saved"].map { "Saved as version \($0)." })
    }

    func save(req: Request) async throws -> Response {
        let caller = try RiskCaseAccess.require(req, ["analyst"], to: "change the MATAC weights")
        try req.requireCSRF()
        let form = try req.content.decode(Form.self)
        let reason = form.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ problems: [String]) async throws -> Response {
            let response = try await render(req, draft: form.weights, reason: form.reason, problems: problems).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        guard !reason.isEmpty else { return try await refuse(["reason: say why the weights change; the reason is kept with the version."]) }
        var weights: MatacWeights
        do {
            weights = try JSONDecoder().decode(MatacWeights.self, from: Data(form.weights.utf8))
        } catch {
            return try await refuse(["The weights are not valid JSON in the shape shown: \(NeedRulesController.describe(error))"])
        }
        let sql = try req.sql()
        let current = try await MatacService(sql: sql).weights()
        // The version is Lantern's to number: one more than the weights in force.
        weights.version = current.version + 1
        let problems = weights.problems()
        guard problems.isEmpty else { return try await refuse(problems.map(\.description)) }
        guard !weights.changes(since: current).isEmpty else { return try await refuse(["These are the weights already in force; nothing to save."]) }
        try await MatacRepository(database: sql).saveWeights(version: weights.version, json: try Self.json(weights), author: caller.userID,
                                                             authorName: caller.displayName, reason: String(reason.prefix(1_000)), at: Date())
        try await req.audit(.write, subject: "matac-weights", resource: "matac-weights version:\(weights.version)",
                            reason: String(reason.prefix(300)), purpose: "risk-panels")
        return req.redirect(to: "/matac/rules?saved=\(weights.version)")
    }
}
