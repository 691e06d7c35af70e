import Foundation
import SQLKit

/// A partner's record by its own id: how an event names the person it is about.
public struct RecordKey: Sendable, Hashable {
    public var partner: String
    public var record: String

    public init(partner: String, record: String) {
        self.partner = partner
        self.record = record
    }
}

/// Reads the facts the board's people-based reports count (victims,
/// households, panel cases), as lean rows with no names.
///
/// Use it only to build report aggregates; nothing read here is shown as it
/// is. Contract: every method reads the whole partnership in one or two queries.
public struct AnalyticsFactsRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Events of these categories in which someone was the victim: the linked
    /// person (or, unlinked, the partner's record key), the day and the place.
    public func victimIncidents(categories: [String]) async throws -> [(victim: String, day: String, postcode: String?)] {
        guard !categories.isEmpty else { return [] }
        return try await incidents(incidentQuery(categories: categories))
    }

    /// The same incidents of these victims only: linked people, and records
    /// linked to no one (partner and record id). The cost follows the victims,
    /// through the person and record indexes.
    public func victimIncidents(categories: [String], people: [UUID], unlinked: Set<RecordKey>) async throws -> [(victim: String, day: String, postcode: String?)] {
        guard !categories.isEmpty else { return [] }
        var found: [(victim: String, day: String, postcode: String?)] = []
        for start in stride(from: 0, to: people.count, by: 5_000) {
            let chunk = Array(people[start..<min(start + 5_000, people.count)])
            found += try await incidents(incidentQuery(categories: categories).where(SQLColumn("person_id", table: "s"), .in, SQLBind.group(chunk)))
        }
        for (partner, keys) in Dictionary(grouping: unlinked, by: \.partner) {
            let records = keys.map(\.record).sorted()
            for start in stride(from: 0, to: records.count, by: 5_000) {
                found += try await incidents(incidentQuery(categories: categories)
                    .where(SQLColumn("partner_slug", table: "t"), .equal, SQLBind(partner))
                    .where(SQLColumn("person_record_id", table: "t"), .in, SQLBind.group(Array(records[start..<min(start + 5_000, records.count)])))
                    .where(SQLColumn("person_id", table: "s"), .is, SQLLiteral.null))
            }
        }
        return found
    }

    /// The records whose events these batches wrote, or whose earlier versions
    /// they replaced (the person an event was about may have changed).
    public func recordsTouched(batches: [UUID]) async throws -> Set<RecordKey> {
        guard !batches.isEmpty else { return [] }
        var keys = Set<RecordKey>()
        var replaced: [UUID] = []
        for row in try await sql.select().columns("id", "version", "partner_slug", "person_record_id").from("events")
            .where("batch_id", .in, SQLBind.group(batches)).all() {
            let partner = try row.decode(column: "partner_slug", as: String.self)
            if let record = try row.decode(column: "person_record_id", as: String?.self) { keys.insert(RecordKey(partner: partner, record: record)) }
            if try row.decode(column: "version", as: Int.self) > 1 { replaced.append(try row.decode(column: "id", as: UUID.self)) }
        }
        for start in stride(from: 0, to: replaced.count, by: 5_000) {
            for row in try await sql.select().columns("partner_slug", "person_record_id").from("event_versions")
                .where("record_uuid", .in, SQLBind.group(Array(replaced[start..<min(start + 5_000, replaced.count)]))).all() {
                if let record = try row.decode(column: "person_record_id", as: String?.self) {
                    keys.insert(RecordKey(partner: try row.decode(column: "partner_slug", as: String.self), record: record))
                }
            }
        }
        return keys
    }

    /// The person each of these records is linked to, where it is.
    public func people(of records: Set<RecordKey>) async throws -> [RecordKey: UUID] {
        var result: [RecordKey: UUID] = [:]
        for (partner, keys) in Dictionary(grouping: records, by: \.partner) {
            let ids = keys.map(\.record).sorted()
            for start in stride(from: 0, to: ids.count, by: 5_000) {
                for row in try await sql.select().columns("record_id", "person_id").from("source_records")
                    .where("partner_slug", .equal, SQLBind(partner))
                    .where("record_id", .in, SQLBind.group(Array(ids[start..<min(start + 5_000, ids.count)])))
                    .where("person_id", .isNot, SQLLiteral.null).all() {
                    result[RecordKey(partner: partner, record: try row.decode(column: "record_id", as: String.self))] = try row.decode(column: "person_id", as: UUID.self)
                }
            }
        }
        return result
    }

    private func incidentQuery(categories: [String]) -> SQLSelectBuilder {
        sql.select()
            .column(SQLColumn("person_id", table: "s"), as: "person_id")
            .column(SQLColumn("partner_slug", table: "t"), as: "partner_slug")
            .column(SQLColumn("person_record_id", table: "t"), as: "person_record_id")
            .column(SQLColumn("occurred_on", table: "t"), as: "occurred_on")
            .column(SQLColumn("location_postcode", table: "t"), as: "location_postcode")
            .from(SQLAlias(SQLIdentifier("events"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("partner_slug", table: "s"), .equal, SQLColumn("partner_slug", table: "t")),
                    .and,
                    SQLBinaryExpression(SQLColumn("record_id", table: "s"), .equal, SQLColumn("person_record_id", table: "t"))))
            .where(SQLColumn("category", table: "t"), .in, SQLBind.group(categories))
            .where(SQLColumn("role", table: "t"), .equal, SQLBind("victim"))
            .where(SQLColumn("occurred_on", table: "t"), .isNot, SQLLiteral.null)
    }

    private func incidents(_ query: SQLSelectBuilder) async throws -> [(victim: String, day: String, postcode: String?)] {
        try await query.all().map { row in
            let person = try row.decode(column: "person_id", as: UUID?.self)
            let partner = try row.decode(column: "partner_slug", as: String.self)
            let record = try row.decode(column: "person_record_id", as: String?.self) ?? ""
            let key = person?.uuidString ?? "\(partner):\(record)"
            return (key, try row.decode(column: "occurred_on", as: String.self), try row.decode(column: "location_postcode", as: String?.self))
        }
    }

    /// Each household member's records: which partner holds them and the postcode they give.
    public func householdRecords() async throws -> [(household: UUID, partner: String, postcode: String?)] {
        try await sql.select()
            .column(SQLColumn("household_id", table: "m"), as: "household_id")
            .column(SQLColumn("partner_slug", table: "s"), as: "partner_slug")
            .column(SQLColumn("postcode", table: "s"), as: "postcode")
            .from(SQLAlias(SQLIdentifier("household_members"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("person_id", table: "s"), .equal, SQLColumn("person_id", table: "m")))
            .all().map { row in
                (try row.decode(column: "household_id", as: UUID.self), try row.decode(column: "partner_slug", as: String.self),
                 try row.decode(column: "postcode", as: String?.self))
            }
    }

    /// The first day each panel case was on the agenda of a meeting: when it was heard.
    public func firstHearings() async throws -> [UUID: String] {
        var first: [UUID: String] = [:]
        for row in try await sql.select()
            .column(SQLColumn("case_id", table: "a"), as: "case_id")
            .column(SQLColumn("held_on", table: "m"), as: "held_on")
            .from(SQLAlias(SQLIdentifier("panel_agenda_items"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("panel_meetings"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("id", table: "m"), .equal, SQLColumn("meeting_id", table: "a")))
            .all() {
            let id = try row.decode(column: "case_id", as: UUID.self), day = try row.decode(column: "held_on", as: String.self)
            if first[id].map({ day < $0 }) ?? true { first[id] = day }
        }
        return first
    }

    /// Household members with what their records say of sex, birth, ethnic group and address (one row per record).
    public func householdPeople() async throws -> [(household: UUID, person: UUID, sex: String?, dateOfBirth: String?, ethnicity: String?, postcode: String?)] {
        try await sql.select()
            .column(SQLColumn("household_id", table: "m"), as: "household_id")
            .column(SQLColumn("person_id", table: "m"), as: "person_id")
            .column(SQLColumn("sex", table: "s"), as: "sex")
            .column(SQLColumn("date_of_birth", table: "s"), as: "date_of_birth")
            .column(SQLColumn("ethnicity", table: "s"), as: "ethnicity")
            .column(SQLColumn("postcode", table: "s"), as: "postcode")
            .from(SQLAlias(SQLIdentifier("household_members"), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier("source_records"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("person_id", table: "s"), .equal, SQLColumn("person_id", table: "m")))
            .orderBy(SQLColumn("partner_slug", table: "s"))
            .all().map { row in
                (try row.decode(column: "household_id", as: UUID.self), try row.decode(column: "person_id", as: UUID.self),
                 try row.decode(column: "sex", as: String?.self), try row.decode(column: "date_of_birth", as: String?.self),
                 try row.decode(column: "ethnicity", as: String?.self), try row.decode(column: "postcode", as: String?.self))
            }
    }

    /// Sex, date of birth and ethnic group as the people's records give them (the first record that gives each).
    public func sexAndBirth(of people: [UUID]) async throws -> [UUID: (sex: String?, dateOfBirth: String?, ethnicity: String?)] {
        var result: [UUID: (sex: String?, dateOfBirth: String?, ethnicity: String?)] = [:]
        let unique = Array(Set(people))
        for start in stride(from: 0, to: unique.count, by: 5_000) {
            let chunk = Array(unique[start..<min(start + 5_000, unique.count)])
            for row in try await sql.select().columns("person_id", "sex", "date_of_birth", "ethnicity").from("source_records")
                .where("person_id", .in, SQLBind.group(chunk)).orderBy("partner_slug").all() {
                let id = try row.decode(column: "person_id", as: UUID.self)
                let held = result[id]
                let sex = try row.decode(column: "sex", as: String?.self)
                let birth = try row.decode(column: "date_of_birth", as: String?.self)
                let ethnicity = try row.decode(column: "ethnicity", as: String?.self)
                result[id] = (held?.sex ?? sex, held?.dateOfBirth ?? birth, held?.ethnicity ?? ethnicity)
            }
        }
        return result
    }
}
