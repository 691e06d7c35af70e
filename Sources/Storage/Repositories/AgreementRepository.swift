import Foundation
import LanternDomain
import SQLKit

/// An agreement as stored: its id, current version number and when it last changed.
public struct StoredAgreement: Sendable, Hashable {
    public var id: UUID
    public var version: Int
    public var updatedAt: Date
    public var agreement: Agreement
}

/// One kept version of an agreement, with who made it, when and why.
public struct AgreementVersion: Sendable, Hashable {
    public var version: Int
    /// What was done: `loaded`, `submit`, `approve`, `suspend`, `reinstate`, `withdraw`...
    public var change: String
    /// The user id that made the change, or `partnership` for the first load.
    public var changedBy: String
    public var changedByName: String
    public var changedAt: Date
    public var reason: String
    public var agreement: Agreement
}

/// Who is changing an agreement and why, for its new version.
public struct AgreementEdit: Sendable, Hashable {
    public var change: String
    public var userID: String
    public var userName: String
    public var reason: String
    public var at: Date

    public init(change: String, userID: String, userName: String, reason: String, at: Date) {
        self.change = change
        self.userID = userID
        self.userName = userName
        self.reason = reason
        self.at = at
    }
}

/// An agreement changed by someone else since the caller read it.
public struct AgreementVersionConflict: Error, Sendable, CustomStringConvertible {
    public let current: Int
    public var description: String {
        "The agreement has changed since you opened it (it is now version \(current)): reload it and make your change again."
    }
}

/// Reads agreements with their ids and keeps every version when one changes.
///
/// Use ``replace(_:expecting:with:edit:)`` inside the transaction that also
/// writes the audit entry. Contract: a change is refused when the stored
/// version is not the one the caller read, so two DPOs never overwrite each
/// other; the version before the first change is kept too (as `loaded`).
public struct AgreementRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    static let columns = ["id", "version", "updated_at", "title", "owner_slug", "status", "in_force_from", "review_due",
                          "approved_by", "approved_on", "flows", "withdrawal", "oversight"]

    public func all() async throws -> [StoredAgreement] {
        try await sql.select().columns(Self.columns.map { SQLColumn($0) }).from("agreements").orderBy("title").all()
            .map(Self.stored)
    }

    public func find(_ id: UUID) async throws -> StoredAgreement? {
        try await sql.select().columns(Self.columns.map { SQLColumn($0) }).from("agreements")
            .where("id", .equal, id).first().map(Self.stored)
    }

    /// Every kept version, newest first.
    public func history(of id: UUID) async throws -> [AgreementVersion] {
        try await sql.select()
            .columns("version", "change", "changed_by", "changed_by_name", "changed_at", "reason", "snapshot")
            .from("agreement_versions").where("agreement_id", .equal, id).orderBy("version", .descending).all()
            .map { row in
                AgreementVersion(
                    version: try row.decode(column: "version", as: Int.self),
                    change: try row.decode(column: "change", as: String.self),
                    changedBy: try row.decode(column: "changed_by", as: String.self),
                    changedByName: try row.decode(column: "changed_by_name", as: String.self),
                    changedAt: try row.decode(column: "changed_at", as: Date.self),
                    reason: try row.decode(column: "reason", as: String.self),
                    agreement: try JSONDecoder().decode(Agreement.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8)))
            }
    }

    /// Stores `agreement` as the next version of `id` if `expected` is still current.
    public func replace(_ id: UUID, expecting expected: Int, with agreement: Agreement,
                        edit: AgreementEdit) async throws -> StoredAgreement {
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns.joined(separator: ", ")) FROM agreements WHERE id = \(bind: id)\(unsafeRaw: lock)
            """).first() else { throw StorageError.corrupt("agreement \(id)") }
        let current = try Self.stored(row)
        guard current.version == expected else { throw AgreementVersionConflict(current: current.version) }
        let kept = try await sql.select().column("version").from("agreement_versions")
            .where("agreement_id", .equal, id).where("version", .equal, current.version).first()
        if kept == nil {
            try await insertVersion(id, current.version, current.agreement, AgreementEdit(
                change: "loaded", userID: "partnership", userName: "Loaded from the partnership description",
                reason: "the agreement as first loaded into Lantern", at: current.updatedAt))
        }
        let next = current.version + 1
        let columns = try AgreementColumns(agreement)
        try await sql.update("agreements")
            .set("title", to: agreement.title).set("owner_slug", to: agreement.owner)
            .set("status", to: agreement.status.rawValue)
            .set("in_force_from", to: agreement.inForceFrom.description).set("review_due", to: agreement.reviewDue.description)
            .set("approved_by", to: agreement.approvedBy).set("approved_on", to: agreement.approvedOn?.description)
            .set("flows", to: columns.flows).set("withdrawal", to: columns.withdrawal).set("oversight", to: columns.oversight)
            .set("version", to: next).set("updated_at", to: edit.at)
            .where("id", .equal, id).run()
        try await insertVersion(id, next, agreement, edit)
        // Every process's access decision is rebuilt from the new version (`AccessGate`).
        try await StoreChangeLog(database: sql).noteEverything(kind: "agreements", at: edit.at)
        return StoredAgreement(id: id, version: next, updatedAt: edit.at, agreement: agreement)
    }

    private func insertVersion(_ id: UUID, _ version: Int, _ agreement: Agreement, _ edit: AgreementEdit) async throws {
        let snapshot = String(decoding: try AgreementColumns.encoder.encode(agreement), as: UTF8.self)
        try await sql.insert(into: "agreement_versions")
            .columns("agreement_id", "version", "status", "snapshot", "change", "changed_by", "changed_by_name",
                     "changed_at", "reason")
            .values(id, version, agreement.status.rawValue, snapshot, edit.change, edit.userID, edit.userName,
                    edit.at, edit.reason)
            .run()
    }

    private static func stored(_ row: any SQLRow) throws -> StoredAgreement {
        func date(_ column: String) throws -> CalendarDate? {
            try row.decode(column: column, as: String?.self).flatMap(CalendarDate.init(parsing:))
        }
        guard let from = try date("in_force_from"), let review = try date("review_due"),
              let status = AgreementStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StorageError.corrupt("agreement dates or status") }
        let flows = try JSONDecoder().decode([Flow].self, from: Data(try row.decode(column: "flows", as: String.self).utf8))
        let agreement = Agreement(
            title: try row.decode(column: "title", as: String.self), owner: try row.decode(column: "owner_slug", as: String.self),
            status: status, inForceFrom: from, reviewDue: review,
            approvedBy: try row.decode(column: "approved_by", as: String?.self), approvedOn: try date("approved_on"),
            flows: flows, withdrawal: try AgreementColumns.withdrawal(row), oversight: try AgreementColumns.oversight(row))
        return StoredAgreement(id: try row.decode(column: "id", as: UUID.self),
                               version: try row.decode(column: "version", as: Int.self),
                               updatedAt: try row.decode(column: "updated_at", as: Date.self), agreement: agreement)
    }
}

/// The JSON columns of an agreement row: flows, withdrawal notice, oversight contacts.
struct AgreementColumns {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    var flows: String
    var withdrawal: String?
    var oversight: String?

    init(_ agreement: Agreement) throws {
        flows = String(decoding: try Self.encoder.encode(agreement.flows), as: UTF8.self)
        withdrawal = try agreement.withdrawal.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        oversight = agreement.oversight.isEmpty ? nil
            : String(decoding: try Self.encoder.encode(agreement.oversight), as: UTF8.self)
    }

    static func withdrawal(_ row: any SQLRow) throws -> Withdrawal? {
        try row.decode(column: "withdrawal", as: String?.self)
            .map { try JSONDecoder().decode(Withdrawal.self, from: Data($0.utf8)) }
    }

    static func oversight(_ row: any SQLRow) throws -> [OversightContact] {
        try row.decode(column: "oversight", as: String?.self)
            .map { try JSONDecoder().decode([OversightContact].self, from: Data($0.utf8)) } ?? []
    }
}
