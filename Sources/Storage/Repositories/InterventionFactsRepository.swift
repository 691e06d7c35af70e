import Foundation
import SQLKit

/// Reads what an evaluation of lead professionals needs: when each household
/// was first given one, and the events about its members, as lean rows with
/// no names.
///
/// Use it only to build evaluation counts; nothing read here is shown as it is.
public struct InterventionFactsRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// The first day any member of each household had a lead professional (ISO dates, as stored).
    public func leadProfessionalStarts() async throws -> [UUID: String] {
        var first: [UUID: String] = [:]
        for row in try await sql.select()
            .column(SQLColumn("household_id", table: "m"), as: "household_id")
            .column(SQLColumn("started_on", table: "i"), as: "started_on")
            .from(SQLAlias(SQLIdentifier("involvements"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner, on: Self.sameRecord("i"))
            .join(SQLAlias(SQLIdentifier("household_members"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("person_id", table: "m"), .equal, SQLColumn("person_id", table: "s")))
            .where(SQLColumn("lead_professional", table: "i"), .equal, SQLLiteral.boolean(true))
            .all() {
            let household = try row.decode(column: "household_id", as: UUID.self)
            guard let day = try row.decode(column: "started_on", as: String?.self) else { continue }
            if first[household].map({ day < $0 }) ?? true { first[household] = day }
        }
        return first
    }

    /// Events about household members: the household, the day, the category and the recording partner.
    public func householdEvents() async throws -> [(household: UUID, day: String, category: String, partner: String)] {
        try await sql.select()
            .column(SQLColumn("household_id", table: "m"), as: "household_id")
            .column(SQLColumn("occurred_on", table: "t"), as: "occurred_on")
            .column(SQLColumn("category", table: "t"), as: "category")
            .column(SQLColumn("partner_slug", table: "t"), as: "partner_slug")
            .from(SQLAlias(SQLIdentifier("events"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner, on: Self.sameRecord("t"))
            .join(SQLAlias(SQLIdentifier("household_members"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("person_id", table: "m"), .equal, SQLColumn("person_id", table: "s")))
            .where(SQLColumn("occurred_on", table: "t"), .isNot, SQLLiteral.null)
            .all().map { row in
                (try row.decode(column: "household_id", as: UUID.self), try row.decode(column: "occurred_on", as: String.self),
                 try row.decode(column: "category", as: String.self), try row.decode(column: "partner_slug", as: String.self))
            }
    }

    /// The source record an event or involvement names: the same partner and record id.
    static func sameRecord(_ table: String) -> SQLBinaryExpression {
        SQLBinaryExpression(
            SQLBinaryExpression(SQLColumn("partner_slug", table: "s"), .equal, SQLColumn("partner_slug", table: table)),
            .and,
            SQLBinaryExpression(SQLColumn("record_id", table: "s"), .equal, SQLColumn("person_record_id", table: table)))
    }
}
