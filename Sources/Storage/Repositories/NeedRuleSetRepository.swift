import Foundation
import SQLKit

/// One saved version of the need rules.
public struct SavedRuleSet: Sendable, Hashable {
    public var version: Int
    public var json: String
    public var authorName: String
    public var reason: String
    public var savedAt: Date
}

/// The analyst-edited need rules, version by version. Nothing is overwritten:
/// a change is a new version, so every decision can be traced to the rules
/// that ranked the household.
public struct NeedRuleSetRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// The newest saved version's number; nil while the standard rules are in use.
    public func latestVersion() async throws -> Int? {
        try await sql.raw("SELECT MAX(version) AS v FROM need_rule_sets").first()?.decode(column: "v", as: Int?.self)
    }

    public func version(_ number: Int) async throws -> SavedRuleSet? {
        try await sql.select().columns("version", "rules", "author_name", "reason", "saved_at").from("need_rule_sets")
            .where("version", .equal, number).first().map(Self.saved)
    }

    /// Every saved version, newest first.
    public func history() async throws -> [SavedRuleSet] {
        try await sql.select().columns("version", "rules", "author_name", "reason", "saved_at").from("need_rule_sets")
            .orderBy("version", .descending).all().map(Self.saved)
    }

    /// Saves `json` as `version`. The version is the key, so two analysts
    /// saving at once cannot both write the same number: the second fails.
    public func save(version: Int, json: String, author: UUID, authorName: String, reason: String, at now: Date) async throws {
        try await sql.insert(into: "need_rule_sets").columns("version", "rules", "author", "author_name", "reason", "saved_at")
            .values(version, json, author, authorName, reason, now).run()
    }

    static func saved(_ row: any SQLRow) throws -> SavedRuleSet {
        SavedRuleSet(version: try row.decode(column: "version", as: Int.self), json: try row.decode(column: "rules", as: String.self),
                     authorName: try row.decode(column: "author_name", as: String.self),
                     reason: try row.decode(column: "reason", as: String.self), savedAt: try row.decode(column: "saved_at", as: Date.self))
    }
}
