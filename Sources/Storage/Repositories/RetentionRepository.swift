import Foundation
import LanternDomain
import SQLKit

/// One saved version of the retention schedule.
public struct SavedRetentionRules: Sendable, Hashable {
    public var version: Int
    public var json: String
    public var authorName: String
    public var reason: String
    public var savedAt: Date
}

/// A legal hold as stored, with who placed it.
public struct StoredHold: Sendable, Hashable {
    public var id: UUID
    public var hold: LegalHold
    public var placedByName: String
    public var liftReason: String?
}

/// A disposal batch: prepared (previewed) by the owning partner's records
/// officer, approved, then carried out, when it gains its certificate.
public struct StoredDisposalBatch: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case awaitingApproval = "awaiting-approval", approved, disposed
        /// A review batch whose records officer kept its records to a later review date.
        case kept }
    public var id: UUID
    public var reference: String
    public var partner: String
    public var recordClass: String
    public var reason: String
    public var ruleVersion: Int?
    public var action: String
    public var status: Status
    public var dueBy: String
    /// What the records officer saw before approving: counts, held items, other controllers' records (JSON).
    public var preview: String
    public var preparedBy: String
    public var preparedAt: Date
    public var approvedBy: UUID?
    public var approvedByName: String?
    public var approvedAt: Date?
    public var disposedAt: Date?
    public var certificate: String?
}

/// The retention schedule's versions, legal holds and disposal batches.
public struct RetentionRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    // MARK: Rules

    public func latestRules() async throws -> SavedRetentionRules? {
        try await sql.select().columns("version", "rules", "author_name", "reason", "saved_at").from("retention_rule_sets")
            .orderBy("version", .descending).limit(1).first().map(Self.saved)
    }

    /// Every saved version, newest first.
    public func ruleHistory() async throws -> [SavedRetentionRules] {
        try await sql.select().columns("version", "rules", "author_name", "reason", "saved_at").from("retention_rule_sets")
            .orderBy("version", .descending).all().map(Self.saved)
    }

    /// Saves `json` as `version`; the version is the key, so two saves of one number cannot both succeed.
    public func saveRules(version: Int, json: String, author: UUID, authorName: String, reason: String, at now: Date) async throws {
        try await sql.insert(into: "retention_rule_sets").columns("version", "rules", "author", "author_name", "reason", "saved_at")
            .values(version, json, author, authorName, reason, now).run()
    }

    static func saved(_ row: any SQLRow) throws -> SavedRetentionRules {
        SavedRetentionRules(version: try row.decode(column: "version", as: Int.self), json: try row.decode(column: "rules", as: String.self),
                            authorName: try row.decode(column: "author_name", as: String.self),
                            reason: try row.decode(column: "reason", as: String.self), savedAt: try row.decode(column: "saved_at", as: Date.self))
    }

    // MARK: Holds

    public func placeHold(_ hold: LegalHold, by user: UUID, name: String, at now: Date) async throws -> UUID {
        let id = UUID()
        let (kind, value) = Self.scopeColumns(hold.scope)
        try await sql.insert(into: "legal_holds")
            .columns("id", "reference", "issuer", "reason", "scope_kind", "scope_value", "starts_on", "ends_on", "placed_by", "placed_by_name", "placed_at")
            .values(id, hold.reference, hold.issuer.rawValue, hold.reason, kind, value, hold.startsOn.description,
                    hold.endsOn?.description, user, name, now)
            .run()
        return id
    }

    public func liftHold(_ id: UUID, on day: CalendarDate, reason: String) async throws {
        try await sql.update("legal_holds").set("lifted_on", to: day.description).set("lift_reason", to: reason)
            .where("id", .equal, id).run()
    }

    public func holds() async throws -> [StoredHold] {
        try await sql.select().columns("id", "reference", "issuer", "reason", "scope_kind", "scope_value", "starts_on", "ends_on",
                                       "lifted_on", "lift_reason", "placed_by_name")
            .from("legal_holds").orderBy("placed_at", .descending).all().map { row in
                let kind = try row.decode(column: "scope_kind", as: String.self)
                let value = try row.decode(column: "scope_value", as: String.self)
                guard let issuer = LegalHold.Issuer(rawValue: try row.decode(column: "issuer", as: String.self)),
                      let scope = Self.scope(kind: kind, value: value),
                      let starts = CalendarDate(parsing: try row.decode(column: "starts_on", as: String.self))
                else { throw StorageError.corrupt("legal hold") }
                return StoredHold(
                    id: try row.decode(column: "id", as: UUID.self),
                    hold: LegalHold(reference: try row.decode(column: "reference", as: String.self), issuer: issuer,
                                    reason: try row.decode(column: "reason", as: String.self), scope: scope, startsOn: starts,
                                    endsOn: try row.decode(column: "ends_on", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                                    liftedOn: try row.decode(column: "lifted_on", as: String?.self).flatMap(CalendarDate.init(parsing:))),
                    placedByName: try row.decode(column: "placed_by_name", as: String.self),
                    liftReason: try row.decode(column: "lift_reason", as: String?.self))
            }
    }

    public static func scopeColumns(_ scope: LegalHold.Scope) -> (String, String) {
        switch scope {
        case .person(let id): ("person", id)
        case .household(let id): ("household", id)
        case .partner(let slug): ("partner", slug)
        case .recordClass(let code): ("record-class", code)
        case .dateRange(let from, let to): ("date-range", "\(from)..\(to)")
        }
    }

    public static func scope(kind: String, value: String) -> LegalHold.Scope? {
        switch kind {
        case "person": return .person(value)
        case "household": return .household(value)
        case "partner": return .partner(value)
        case "record-class": return .recordClass(value)
        case "date-range":
            let parts = value.components(separatedBy: "..")
            guard parts.count == 2, let from = CalendarDate(parsing: parts[0]), let to = CalendarDate(parsing: parts[1]) else { return nil }
            return .dateRange(from: from, to: to)
        default: return nil
        }
    }

    // MARK: Batches

    /// Creates a batch; its reference is `DB-<year>-<number>`.
    public func createBatch(partner: String, recordClass: String, reason: String, ruleVersion: Int?, action: String, status: StoredDisposalBatch.Status,
                            dueBy: String, preview: String, preparedBy: String, at now: Date) async throws -> (UUID, String) {
        let year = CalendarDate(dayNumber: Int((now.timeIntervalSince1970 / 86_400).rounded(.down))).year
        let prefix = "DB-\(year)-"
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("disposal_batches")
            .where("reference", .like, prefix + "%").first()?.decode(column: "n", as: Int.self) ?? 0
        let number = String(count + 1)
        let reference = prefix + String(repeating: "0", count: max(0, 4 - number.count)) + number
        let id = UUID()
        try await sql.insert(into: "disposal_batches")
            .columns("id", "reference", "partner_slug", "record_class", "reason", "rule_version", "action", "status", "due_by", "preview",
                     "prepared_by", "prepared_at")
            .values(id, reference, partner, recordClass, reason, ruleVersion, action, status.rawValue, dueBy, preview, preparedBy, now)
            .run()
        return (id, reference)
    }

    public func batches(partner: String? = nil) async throws -> [StoredDisposalBatch] {
        var query = selectBatches()
        if let partner { query = query.where("partner_slug", .equal, partner) }
        return try await query.orderBy("prepared_at", .descending).all().map(Self.batch)
    }

    /// A batch by its id or its reference.
    public func batch(_ key: String) async throws -> StoredDisposalBatch? {
        if let id = UUID(uuidString: key) { return try await selectBatches().where("id", .equal, id).first().map(Self.batch) }
        return try await selectBatches().where("reference", .equal, key).first().map(Self.batch)
    }

    public func approve(_ id: UUID, by user: UUID, name: String, at now: Date) async throws {
        try await sql.update("disposal_batches").set("status", to: StoredDisposalBatch.Status.approved.rawValue)
            .set("approved_by", to: user).set("approved_by_name", to: name).set("approved_at", to: now)
            .where("id", .equal, id).where("status", .equal, StoredDisposalBatch.Status.awaitingApproval.rawValue).run()
    }

    /// A review batch whose records the officer kept: its items are released
    /// (the review records when they are next due) and the batch is closed.
    public func markKept(_ id: UUID, by user: UUID, name: String, at now: Date) async throws {
        try await sql.update("disposal_batches").set("status", to: StoredDisposalBatch.Status.kept.rawValue)
            .set("approved_by", to: user).set("approved_by_name", to: name).set("approved_at", to: now)
            .where("id", .equal, id).where("status", .equal, StoredDisposalBatch.Status.awaitingApproval.rawValue).run()
        try await sql.delete(from: "disposal_items").where("batch_id", .equal, id).run()
    }

    public func markDisposed(_ id: UUID, certificate: String, at now: Date) async throws {
        try await sql.update("disposal_batches").set("status", to: StoredDisposalBatch.Status.disposed.rawValue)
            .set("certificate", to: certificate).set("disposed_at", to: now).where("id", .equal, id).run()
    }

    private func selectBatches() -> SQLSelectBuilder {
        sql.select().columns("id", "reference", "partner_slug", "record_class", "reason", "rule_version", "action", "status", "due_by",
                             "preview", "prepared_by", "prepared_at", "approved_by", "approved_by_name", "approved_at", "disposed_at", "certificate")
            .from("disposal_batches")
    }

    static func batch(_ row: any SQLRow) throws -> StoredDisposalBatch {
        guard let status = StoredDisposalBatch.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StorageError.corrupt("disposal batch")
        }
        return StoredDisposalBatch(
            id: try row.decode(column: "id", as: UUID.self), reference: try row.decode(column: "reference", as: String.self),
            partner: try row.decode(column: "partner_slug", as: String.self), recordClass: try row.decode(column: "record_class", as: String.self),
            reason: try row.decode(column: "reason", as: String.self), ruleVersion: try row.decode(column: "rule_version", as: Int?.self),
            action: try row.decode(column: "action", as: String.self), status: status, dueBy: try row.decode(column: "due_by", as: String.self),
            preview: try row.decode(column: "preview", as: String.self), preparedBy: try row.decode(column: "prepared_by", as: String.self),
            preparedAt: try row.decode(column: "prepared_at", as: Date.self),
            approvedBy: try row.decode(column: "approved_by", as: UUID?.self), approvedByName: try row.decode(column: "approved_by_name", as: String?.self),
            approvedAt: try row.decode(column: "approved_at", as: Date?.self), disposedAt: try row.decode(column: "disposed_at", as: Date?.self),
            certificate: try row.decode(column: "certificate", as: String?.self))
    }
}
