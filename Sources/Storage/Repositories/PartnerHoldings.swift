import Foundation
import LanternDomain
import SQLKit

/// How much of one partner's data the partnership store holds: what must be
/// returned or destroyed when that partner withdraws.
///
/// Counts only, never the records: the withdrawal page shows it to the DPO.
public struct PartnerHoldings: Sendable, Hashable, Codable {
    public var partner: String
    public var sourceRecords: Int
    public var involvements: Int
    /// Events by the data category they were shared as.
    public var eventsByCategory: [DataCategory: Int]

    public init(partner: String, sourceRecords: Int, involvements: Int, eventsByCategory: [DataCategory: Int]) {
        self.partner = partner
        self.sourceRecords = sourceRecords
        self.involvements = involvements
        self.eventsByCategory = eventsByCategory
    }
}

extension AgreementRepository {
    /// What `partner` has shared into the store, counted.
    public func holdings(of partner: String) async throws -> PartnerHoldings {
        func count(_ table: String) async throws -> Int {
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .where("partner_slug", .equal, partner).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        var events: [DataCategory: Int] = [:]
        let rows = try await sql.select().column("data_category")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("events")
            .where("partner_slug", .equal, partner).groupBy("data_category").all()
        for row in rows {
            guard let category = try row.decode(column: "data_category", as: String?.self).flatMap(DataCategory.init(rawValue:))
            else { continue }
            events[category] = try row.decode(column: "n", as: Int.self)
        }
        return PartnerHoldings(partner: partner, sourceRecords: try await count("source_records"),
                               involvements: try await count("involvements"), eventsByCategory: events)
    }
}
