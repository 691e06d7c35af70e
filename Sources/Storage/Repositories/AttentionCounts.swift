import Foundation
import SQLKit

/// How many things wait for someone, for the home pages: one `COUNT` each,
/// never the items themselves, so a home shows no one's data.
///
/// Use it to build a role's home; each count names what it counts. Contract:
/// every method is a single read with no side effects, and an empty store
/// counts zero.
public struct AttentionCounts: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    private func count(_ build: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Int {
        try await build(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Alerts about a user's families that they have not opened.
    public func unreadNotifications(user: UUID) async throws -> Int {
        try await count { $0.from("notifications").where("user_id", .equal, user).where("read_at", .is, SQLLiteral.null) }
    }

    /// People a user has a case relationship with: their caseload.
    public func peopleInCaseload(user: UUID) async throws -> Int {
        try await sql.select().column(SQLRaw("COUNT(DISTINCT person_id)"), as: "n").from("case_relationships")
            .where("user_id", .equal, user).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A user's own requests for access still waiting for an answer.
    public func accessRequestsWaiting(madeBy user: UUID) async throws -> Int {
        try await count { $0.from("access_requests").where("requester", .equal, user).where("status", .equal, "pending") }
    }

    /// Requests for access to these partners' data waiting for their answer.
    public func accessRequestsWaiting(heldBy partners: [String]) async throws -> Int {
        guard !partners.isEmpty else { return 0 }
        return try await count { $0.from("access_requests").where("holder", .in, partners).where("status", .equal, "pending") }
    }

    /// Break-glass grants that the DPO has not yet reviewed.
    public func breakGlassAwaitingReview() async throws -> Int {
        try await count {
            $0.from("audit_entries").where("action", .equal, "break_glass").where("decision", .equal, "permit")
                .where("sequence", .notIn, SQLRaw("(SELECT entry_sequence FROM break_glass_reviews)"))
        }
    }

    /// Accounts, of these partners or (with `nil`) of every partner.
    public func accounts(partners: [String]?) async throws -> Int {
        try await count { query in
            let all = query.from("users")
            guard let partners else { return all }
            return partners.isEmpty ? all.where(SQLLiteral.boolean(false)) : all.where("partner_slug", .in, partners)
        }
    }

    /// API tokens in use (not revoked) of these partners.
    public func tokensInUse(partners: [String]) async throws -> Int {
        guard !partners.isEmpty else { return 0 }
        return try await count { $0.from("api_tokens").where("partner_slug", .in, partners).where("revoked_at", .is, SQLLiteral.null) }
    }

    /// Webhook subscriptions in use (not revoked) of these partners.
    public func webhooksInUse(partners: [String]) async throws -> Int {
        guard !partners.isEmpty else { return 0 }
        return try await count { $0.from("webhook_subscriptions").where("partner_slug", .in, partners).where("revoked_at", .is, SQLLiteral.null) }
    }

    /// Alerts to webhooks not yet delivered (still retrying).
    public func undeliveredAlerts() async throws -> Int {
        try await count { $0.from("webhook_deliveries").where("delivered_at", .is, SQLLiteral.null) }
    }

    /// Extract loads that finished at or after `since`.
    public func imports(since: Date) async throws -> Int {
        try await count { $0.from("import_batches").where("finished_at", .greaterThanOrEqual, since) }
    }

    /// Extract loads since `since` that turned rows away.
    public func importsWithRejections(since: Date) async throws -> Int {
        try await count { $0.from("import_batches").where("finished_at", .greaterThanOrEqual, since).where("rejected", .greaterThan, 0) }
    }

    /// Entries in the audit ledger.
    public func auditEntries() async throws -> Int {
        try await count { $0.from("audit_entries") }
    }
}
