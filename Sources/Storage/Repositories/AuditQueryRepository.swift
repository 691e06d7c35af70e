import Foundation
import SQLKit

/// One audit entry as the DPO reads it (without its hash).
public struct AuditLine: Sendable, Hashable, Codable {
    public var sequence: Int
    /// Milliseconds since 1970, UTC.
    public var atMillis: Int64
    /// The user id (or `anonymous`, or a command name) that acted.
    public var actor: String
    public var partner: String
    public var purpose: String
    public var action: String
    public var subject: String
    public var resource: String
    public var decision: String
    public var reason: String
}

/// A user who opened people they have no recorded relationship with.
public struct OutsideCaseload: Sendable, Hashable, Codable {
    public var actor: String
    public var partner: String
    /// Distinct people opened with no relationship to them.
    public var people: Int
    /// How many of those the access decision refused outright.
    public var refused: Int
}

/// A user account's name, for audit pages (which otherwise show ids only).
public struct AccountName: Sendable, Hashable, Codable {
    public var username: String
    public var displayName: String
    public var partner: String
}

/// The DPO's questions of the audit ledger: who accessed a person, what a
/// user accessed, and which access looks unusual.
///
/// Read-only; the ledger itself is written only by ``AuditRepository``.
/// Contract: newest first, at most `limit` entries; periods are half-open
/// `[from, to)` in milliseconds since 1970.
public struct AuditQueryRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    static let columns = ["sequence", "at_ms", "actor", "partner_slug", "purpose", "action", "subject", "resource",
                          "decision", "reason"]

    private func lines(_ build: (SQLSelectBuilder) -> SQLSelectBuilder, limit: Int) async throws -> [AuditLine] {
        let query = sql.select().columns(Self.columns.map { SQLColumn($0) }).from("audit_entries")
        return try await build(query).orderBy("sequence", .descending).limit(limit).all().map(Self.line)
    }

    /// Every entry about `subject` (`person:<uuid>`, `user:<uuid>`).
    public func about(subject: String, limit: Int = 500) async throws -> [AuditLine] {
        try await lines({ $0.where("subject", .equal, subject) }, limit: limit)
    }

    /// Everything `actor` did, optionally within a period.
    public func by(actor: String, fromMillis: Int64 = .min, toMillis: Int64 = .max, limit: Int = 500) async throws -> [AuditLine] {
        try await lines({ $0.where("actor", .equal, actor).where("at_ms", .greaterThanOrEqual, fromMillis)
                .where("at_ms", .lessThan, toMillis) }, limit: limit)
    }

    /// Break-glass declarations, and reads that relied on a break-glass grant.
    public func breakGlass(fromMillis: Int64, toMillis: Int64, limit: Int = 500) async throws -> [AuditLine] {
        try await lines({ query in
            query.where("at_ms", .greaterThanOrEqual, fromMillis).where("at_ms", .lessThan, toMillis)
                .where { group in
                    group.where("action", .equal, "break_glass")
                        .orWhere("reason", .like, "%BREAK-GLASS%")
                }
        }, limit: limit)
    }

    /// Users who opened at least `atLeast` distinct people in the period with
    /// no case relationship to them, most first.
    public func outsideCaseload(fromMillis: Int64, toMillis: Int64, atLeast: Int) async throws -> [OutsideCaseload] {
        let rows = try await sql.select().column("actor").column("subject")
            .column(SQLFunction("MAX", args: SQLColumn("partner_slug")), as: "partner")
            .column(SQLFunction("MAX", args: SQLColumn("decision")), as: "best")
            .from("audit_entries")
            .where("action", .equal, "access_decision").where("subject", .like, "person:%")
            .where("at_ms", .greaterThanOrEqual, fromMillis).where("at_ms", .lessThan, toMillis)
            .groupBy("actor").groupBy("subject").all()
        var opened: [String: (partner: String, people: [UUID: Bool])] = [:]
        for row in rows {
            let actor = try row.decode(column: "actor", as: String.self)
            guard let person = UUID(uuidString: String(try row.decode(column: "subject", as: String.self).dropFirst("person:".count)))
            else { continue }
            // "deny" sorts before "permit": the greatest decision is a refusal only if every one was.
            let refused = try row.decode(column: "best", as: String.self) == "deny"
            let partner = try row.decode(column: "partner", as: String.self)
            opened[actor, default: (partner, [:])].people[person] = refused
        }
        let relationships = CaseRelationshipRepository(database: sql)
        var found: [OutsideCaseload] = []
        for (actor, seen) in opened where seen.people.count >= atLeast {
            let known = try await UUID(uuidString: actor).asyncMap {
                try await relationships.relationships(of: $0, with: Array(seen.people.keys))
            } ?? [:]
            let outside = seen.people.filter { known[$0.key] == nil }
            guard outside.count >= atLeast else { continue }
            found.append(OutsideCaseload(actor: actor, partner: seen.partner, people: outside.count,
                                         refused: outside.values.filter { $0 }.count))
        }
        return found.sorted { ($0.people, $1.actor) > ($1.people, $0.actor) }
    }

    /// Names for the user ids on an audit page; ids that are not accounts are left out.
    public func accountNames(_ actors: some Sequence<String>) async throws -> [String: AccountName] {
        let ids = Set(actors.compactMap(UUID.init(uuidString:)))
        guard !ids.isEmpty else { return [:] }
        var names: [String: AccountName] = [:]
        for row in try await sql.select().columns("id", "username", "display_name", "partner_slug").from("users")
            .where("id", .in, Array(ids)).all() {
            names[try row.decode(column: "id", as: UUID.self).uuidString] = AccountName(
                username: try row.decode(column: "username", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self),
                partner: try row.decode(column: "partner_slug", as: String.self))
        }
        return names
    }

    private static func line(_ row: any SQLRow) throws -> AuditLine {
        AuditLine(sequence: try row.decode(column: "sequence", as: Int.self), atMillis: try row.decode(column: "at_ms", as: Int64.self),
                  actor: try row.decode(column: "actor", as: String.self), partner: try row.decode(column: "partner_slug", as: String.self),
                  purpose: try row.decode(column: "purpose", as: String.self), action: try row.decode(column: "action", as: String.self),
                  subject: try row.decode(column: "subject", as: String.self), resource: try row.decode(column: "resource", as: String.self),
                  decision: try row.decode(column: "decision", as: String.self), reason: try row.decode(column: "reason", as: String.self))
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
