import Foundation
import LanternDomain
import SQLKit

/// Reads and writes the partnership: its partners and agreements.
public struct PartnershipRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func isInitialised() async throws -> Bool {
        let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("partners").first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }

    /// Loads a partnership into an empty store.
    public func load(_ description: PartnershipDescription, at now: Date) async throws {
        for partner in description.partners {
            try await sql.insert(into: "partners")
                .columns("id", "slug", "name", "kind", "ico_registration", "dpo_contact")
                .values(UUID(), partner.slug, partner.name, partner.kind.rawValue,
                        partner.icoRegistration, partner.dpoContact)
                .run()
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for agreement in description.agreements {
            let flows = String(decoding: try encoder.encode(agreement.flows), as: UTF8.self)
            let lifecycle = try AgreementColumns(agreement)
            try await sql.insert(into: "agreements")
                .columns("id", "title", "owner_slug", "status", "in_force_from", "review_due",
                         "approved_by", "approved_on", "flows", "version", "updated_at", "withdrawal", "oversight")
                .values(UUID(), agreement.title, agreement.owner, agreement.status.rawValue,
                        agreement.inForceFrom.description, agreement.reviewDue.description,
                        agreement.approvedBy, agreement.approvedOn?.description, flows, 1, now,
                        lifecycle.withdrawal, lifecycle.oversight)
                .run()
        }
        try await StoreChangeLog(database: sql).noteEverything(kind: "agreements", at: now)
    }

    public func partners() async throws -> [Partner] {
        try await sql.select().columns("slug", "name", "kind", "ico_registration", "dpo_contact")
            .from("partners").orderBy("name").all().map { row in
                Partner(slug: try row.decode(column: "slug", as: String.self),
                        name: try row.decode(column: "name", as: String.self),
                        kind: PartnerKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .charity,
                        icoRegistration: try row.decode(column: "ico_registration", as: String?.self),
                        dpoContact: try row.decode(column: "dpo_contact", as: String?.self))
            }
    }

    public func agreements() async throws -> [Agreement] {
        let decoder = JSONDecoder()
        return try await sql.select()
            .columns("title", "owner_slug", "status", "in_force_from", "review_due", "approved_by", "approved_on", "flows",
                     "withdrawal", "oversight")
            .from("agreements").orderBy("title").all().map { row in
                func date(_ column: String) throws -> CalendarDate? {
                    try row.decode(column: column, as: String?.self).flatMap(CalendarDate.init(parsing:))
                }
                guard let from = try date("in_force_from"), let review = try date("review_due"),
                      let status = AgreementStatus(rawValue: try row.decode(column: "status", as: String.self))
                else { throw StorageError.corrupt("agreement dates or status") }
                let flows = try decoder.decode([Flow].self, from: Data(try row.decode(column: "flows", as: String.self).utf8))
                return Agreement(title: try row.decode(column: "title", as: String.self),
                                 owner: try row.decode(column: "owner_slug", as: String.self),
                                 status: status, inForceFrom: from, reviewDue: review,
                                 approvedBy: try row.decode(column: "approved_by", as: String?.self),
                                 approvedOn: try date("approved_on"), flows: flows,
                                 withdrawal: try AgreementColumns.withdrawal(row), oversight: try AgreementColumns.oversight(row))
            }
    }

    /// The data categories `partner` may share on `day` under any in-force agreement.
    public func sharableCategories(for partner: String, on day: CalendarDate) async throws -> Set<DataCategory> {
        let agreements = try await agreements()
        return Set(DataCategory.allCases.filter { category in
            agreements.contains { $0.flow(from: partner, carrying: category, on: day) != nil }
        })
    }
}
