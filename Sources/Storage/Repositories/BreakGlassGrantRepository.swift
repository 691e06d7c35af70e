import Foundation
import SQLKit

/// A break-glass grant as stored: who holds it, about whom, why and until
/// when (seconds since 1970 UTC). `Policy.BreakGlassGrant` validates it again
/// when it is read, so a row that breaks its rules grants nothing.
public struct StoredBreakGlassGrant: Sendable, Hashable {
    public var person: UUID
    public var reason: String
    public var grantedAt: Int64
    public var expiresAt: Int64
}

/// Emergency access in force, shared by every process on the store. The
/// audit ledger holds the record the DPO reviews; this table holds only what
/// the access decision needs, and grants long expired are purged.
public struct BreakGlassGrantRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func record(user: UUID, person: UUID, reason: String, grantedAt: Int64, expiresAt: Int64) async throws {
        try await sql.insert(into: "break_glass_grants")
            .columns("id", "user_id", "person_id", "reason", "granted_at", "expires_at")
            .values(SQLBind(UUID()), SQLBind(user), SQLBind(person), SQLBind(reason), SQLBind(grantedAt), SQLBind(expiresAt))
            .run()
    }

    /// The latest grant the user made for each of these people, expired or
    /// not: the policy refuses an expired one and says so.
    public func latest(of user: UUID, about people: [UUID]) async throws -> [UUID: StoredBreakGlassGrant] {
        guard !people.isEmpty else { return [:] }
        var latest: [UUID: StoredBreakGlassGrant] = [:]
        for chunk in stride(from: 0, to: people.count, by: 500).map({ Array(people[$0..<min($0 + 500, people.count)]) }) {
            let rows = try await sql.select().columns("person_id", "reason", "granted_at", "expires_at")
                .from("break_glass_grants").where("user_id", .equal, user).where("person_id", .in, chunk).all()
            for row in rows {
                let grant = StoredBreakGlassGrant(person: try row.decode(column: "person_id", as: UUID.self),
                                                  reason: try row.decode(column: "reason", as: String.self),
                                                  grantedAt: try row.decode(column: "granted_at", as: Int64.self),
                                                  expiresAt: try row.decode(column: "expires_at", as: Int64.self))
                if (latest[grant.person]?.grantedAt ?? .min) <= grant.grantedAt { latest[grant.person] = grant }
            }
        }
        return latest
    }

    /// Deletes grants that expired before `cutoff`; returns how many.
    @discardableResult
    public func purge(expiredBefore cutoff: Int64) async throws -> Int {
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("break_glass_grants")
            .where("expires_at", .lessThan, cutoff).first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 { try await sql.delete(from: "break_glass_grants").where("expires_at", .lessThan, cutoff).run() }
        return count
    }
}
