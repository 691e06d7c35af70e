import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// `/case-finding/rules`: the rules and weights behind the case-finding score,
/// visible to everyone signed in, with every saved version; analysts edit the
/// rules as data (JSON), and a change is validated whole, saved as a new
/// version with a reason, and audited. Nothing is overwritten.
struct NeedRulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("case-finding", "rules", use: page)
        routes.post("case-finding", "rules", use: save)
    }

    struct Option: Encodable {
        var value: String
        var label: String
    }

    struct Version: Encodable {
        var version: Int
        var author: String
        var reason: String
        var savedAt: String
        /// What this version changed from the one before it.
        var changes: [String]
    }

    struct RulesPage: Encodable {
        var caller: CallerView
        var csrf: String
        var version: Int
        var rules: [[String]]
        var weights: [Option]
        var history: [Version]
        var canEdit: Bool
        var draft: String
        var reason: String
        var problems: [String]
        var message: String?
        /// The equality impact of the draft, when the analyst asked to see it before saving.
        var hasImpact = false
        var impact: EqualityPreview?
        var ratio = String(EqualityPreview.standardRatio)
    }

    struct Form: Content {
        var rules: String
        var reason: String
        /// "preview": show the draft's equality impact and save nothing.
        var action: String?
        /// Flag groups whose listing rate is more than this many times everyone's, or less than everyone's divided by it.
        var ratio: String?
    }

    static func json(_ set: NeedRuleSet) throws -> String {
        try RulesDocument.text(set)
    }

    func render(_ req: Request, draft: String? = nil, reason: String = "", problems: [String] = [],
                message: String? = nil, impact: EqualityPreview? = nil) async throws -> View {
        let caller = try req.caller
        let sql = try req.sql()
        let set = try await req.application.casework.currentCaseFinding(sql).ruleSet
        let formatter = ISO8601DateFormatter()
        return try await req.renderPage("case-finding-rules", RulesPage(
            caller: .init(caller), csrf: req.csrfToken, version: set.version,
            rules: set.rules.map { rule in
                [rule.id, rule.need?.outcome ?? rule.needCode, rule.categoryCodes.joined(separator: ", "),
                 rule.roleCodes.isEmpty ? "any" : rule.roleCodes.joined(separator: ", "), "\(rule.lookBackDays)", "\(rule.minimumCount)"]
            },
            weights: FamilyNeed.allCases.map { Option(value: "\(set.scoring.points(for: $0))", label: $0.outcome) },
            history: try await Self.versions(NeedRuleSetRepository(database: sql).history(), formatter: formatter),
            canEdit: caller.roles.contains("analyst"), draft: try draft ?? Self.json(set), reason: reason,
            problems: problems, message: message, hasImpact: impact != nil, impact: impact,
            ratio: impact?.ratio ?? String(EqualityPreview.standardRatio)))
    }

    /// Saved versions, newest first, each with what it changed from the
    /// version before (the standard rules before the first save).
    static func versions(_ saved: [SavedRuleSet], formatter: ISO8601DateFormatter) throws -> [Version] {
        let decoder = JSONDecoder()
        let sets = try saved.map { try decoder.decode(NeedRuleSet.self, from: Data($0.json.utf8)) }
        return saved.indices.map { index in
            let earlier = index + 1 < sets.count ? sets[index + 1] : NeedRuleSet.standard
            return Version(version: saved[index].version, author: saved[index].authorName, reason: saved[index].reason,
                           savedAt: formatter.string(from: saved[index].savedAt), changes: sets[index].changes(since: earlier))
        }
    }

    func page(req: Request) async throws -> View {
        try await render(req, message: (try? req.query.get(String.self, at: "saved")).map { "Saved as version \($0)." })
    }

    func save(req: Request) async throws -> Response {
        let caller = try ReviewController.requireReviewer(req, refusal: .caseFindingNotForRole)
        try req.requireCSRF()
        let form = try req.content.decode(Form.self)
        let reason = form.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ problems: [String]) async throws -> Response {
            let response = try await render(req, draft: form.rules, reason: form.reason, problems: problems).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let preview = form.action == "preview"
        guard preview || !reason.isEmpty else { return try await refuse(["Say why the rules change: the reason is kept with the version."]) }
        var set: NeedRuleSet
        do {
            set = try JSONDecoder().decode(NeedRuleSet.self, from: Data(form.rules.utf8))
        } catch {
            return try await refuse(["The rules are not valid JSON in the shape shown: \(Self.describe(error))"])
        }
        let sql = try req.sql()
        let current = try await req.application.casework.currentCaseFinding(sql).ruleSet
        // The version is Lantern's to number: one more than the rules in force.
        set.version = current.version + 1
        let problems = set.problems()
        guard problems.isEmpty else { return try await refuse(problems.map(\.description)) }
        if preview {
            let given = form.ratio.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            guard let ratio = given.map(Double.init) ?? EqualityPreview.standardRatio, ratio > 1, ratio <= 10 else {
                return try await refuse(["The ratio must be a number above 1 and at most 10, for example 1.25; '\(form.ratio ?? "")' is not."])
            }
            let impact = try await EqualityPreview.make(set, draft: form.rules, ratio: ratio, app: req.application, sql: sql, database: req.db,
                                                        actor: caller.userID.uuidString, partner: caller.partner)
            return try await render(req, draft: form.rules, reason: form.reason, impact: impact).encodeResponse(for: req)
        }
        guard set.rules != current.rules || set.scoring != current.scoring else {
            return try await refuse(["These are the rules already in force; nothing to save."])
        }
        let json = try Self.json(set)
        let version = set.version
        try await req.db.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            let now = Date()
            try await NeedRuleSetRepository(database: tx).save(version: version, json: json, author: caller.userID,
                                                               authorName: caller.displayName, reason: String(reason.prefix(1_000)), at: now)
            // Every cache of scores and needs (in any process) sees the store moved on.
            try await StoreChangeLog(database: tx).noteEverything(kind: "need-rules", at: now)
        }
        try await req.audit(.write, subject: "need-rules", resource: "need-rule-set version:\(set.version)",
                            reason: String(reason.prefix(300)), purpose: "case-finding")
        return req.redirect(to: "/case-finding/rules?saved=\(set.version)")
    }

    /// A decoding error in words an analyst can act on.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "the text is not JSON (check commas, quotes and brackets)" : "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
