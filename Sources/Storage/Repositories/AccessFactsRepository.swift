import Foundation
import SQLKit

/// What the access decision needs to know about a caller and some people,
/// read from the store on every decision (never cached: a relationship
/// ended, a grant expired or a restriction placed counts from the next
/// request): the caller's relationships with them, the caller's latest
/// break-glass grant for each, and which of them restricted processing.
/// With `holders`, also which partners hold a record of each (the items a
/// name is decided on); with `names`, each person's name and date of birth.
public struct AccessFacts: Sendable {
    public var relationships: [UUID: Set<String>] = [:]
    public var breakGlass: [UUID: StoredBreakGlassGrant] = [:]
    public var restricted: Set<UUID> = []
    public var names: [UUID: (name: String, born: String?)] = [:]
    /// The partner of each record held about a person, one entry per record, in partner order.
    public var holders: [UUID: [String]] = [:]

    public init() {}
}

/// Reads ``AccessFacts`` in one statement per 500 people, not one per kind
/// of fact: each statement costs a round trip and a parse on PostgreSQL,
/// and a page deciding about a list asked three or four of them.
public struct AccessFactsRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// The facts about `people` for `user`; break-glass grants only when
    /// `breakGlass` (only roles that may break glass can hold one), record
    /// holders only when `holders`, names only when `names`.
    public func facts(of user: UUID, about people: [UUID], breakGlass: Bool, holders: Bool = false,
                      names: Bool = false) async throws -> AccessFacts {
        var facts = AccessFacts()
        var seen = Set<UUID>()
        let people = people.filter { seen.insert($0).inserted }
        for start in stride(from: 0, to: people.count, by: 500) {
            let chunk = Array(people[start..<min(start + 500, people.count)])
            let rows = try await sql.preparedRows(AccessFactsRead.self, [user, chunk, breakGlass, holders, names])
            for row in rows {
                let person = try row.decode(column: "person_id", as: UUID.self)
                switch try row.decode(column: "fact", as: String.self) {
                case "relationship":
                    facts.relationships[person, default: []].insert(try row.decode(column: "detail", as: String.self))
                case "restricted":
                    facts.restricted.insert(person)
                case "break-glass":
                    let grant = StoredBreakGlassGrant(person: person, reason: try row.decode(column: "detail", as: String.self),
                                                      grantedAt: try row.decode(column: "granted_at", as: Int64.self),
                                                      expiresAt: try row.decode(column: "expires_at", as: Int64.self))
                    if (facts.breakGlass[person]?.grantedAt ?? .min) <= grant.grantedAt { facts.breakGlass[person] = grant }
                case "holder":
                    facts.holders[person, default: []].append(try row.decode(column: "detail", as: String.self))
                default:
                    facts.names[person] = (try row.decode(column: "detail", as: String?.self) ?? "", try row.decode(column: "born", as: String?.self))
                }
            }
        }
        return facts
    }
}

/// ``AccessFactsRepository/facts(of:about:breakGlass:holders:names:)``'s read:
/// every page that shows or decides about people makes it. One text for every
/// combination of facts asked (`$3`, `$4`, `$5` switch the optional branches
/// off), so PostgreSQL prepares it once per connection.
private enum AccessFactsRead: PreparedReadText {
    static let name = "access_facts"
    // One branch per fact, tagged by `fact`; the typed NULLs let PostgreSQL match the branches' columns.
    static let postgresSQL = """
        SELECT 'relationship' AS fact, person_id AS person_id, kind AS detail, CAST(NULL AS TEXT) AS born,
        CAST(NULL AS BIGINT) AS granted_at, CAST(NULL AS BIGINT) AS expires_at
        FROM case_relationships WHERE user_id = $1 AND person_id = ANY($2)
        UNION ALL
        SELECT DISTINCT 'restricted' AS fact, person_id AS person_id, CAST(NULL AS TEXT) AS detail, CAST(NULL AS TEXT) AS born,
        CAST(NULL AS BIGINT) AS granted_at, CAST(NULL AS BIGINT) AS expires_at
        FROM restrictions WHERE person_id = ANY($2) AND lifted_at IS NULL
        UNION ALL
        SELECT 'break-glass' AS fact, person_id AS person_id, reason AS detail, CAST(NULL AS TEXT) AS born,
        granted_at AS granted_at, expires_at AS expires_at
        FROM break_glass_grants WHERE $3 AND user_id = $1 AND person_id = ANY($2)
        UNION ALL
        SELECT 'holder' AS fact, person_id AS person_id, partner_slug AS detail, CAST(NULL AS TEXT) AS born,
        CAST(NULL AS BIGINT) AS granted_at, CAST(NULL AS BIGINT) AS expires_at
        FROM source_records WHERE $4 AND person_id = ANY($2)
        UNION ALL
        SELECT 'name' AS fact, id AS person_id, display_name AS detail, date_of_birth AS born,
        CAST(NULL AS BIGINT) AS granted_at, CAST(NULL AS BIGINT) AS expires_at
        FROM people WHERE $5 AND id = ANY($2)
        ORDER BY fact, detail
        """
}
