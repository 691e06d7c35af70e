import Foundation
import LanternDomain
import SQLKit

/// A person found by search: enough to choose the right one from a list.
public struct PersonMatch: Sendable, Hashable, Codable {
    /// One partner's record that matched the search, as that partner holds it.
    public struct Record: Sendable, Hashable, Codable {
        public var partner: String
        public var displayName: String
        public var dateOfBirth: String?
        public var postcode: String?
        /// Whether the record's whole name (given then family, or family then
        /// given) is exactly what was typed, not merely its beginning.
        public var exactName: Bool
    }

    public var personID: UUID
    /// Every matched record, in the order found: callers show only those the
    /// access decision lets through, never the first one found.
    public var records: [Record]

    /// The name on the first record found: for tests and tools, never for
    /// pages, which show only records the access decision lets through.
    public var displayName: String { records.first?.displayName ?? "" }
}

/// One partner's record of a person, as stored.
public struct StoredSourceRecord: Sendable, Hashable, Codable {
    public var partner: String
    public var recordID: String
    public var version: Int
    public var givenNames: String
    public var familyName: String
    public var dateOfBirth: String?
    public var sex: String?
    public var addressLine: String?
    public var postcode: String?
    public var nhsNumber: String?
    public var receivedAt: Date
}

/// One event as stored.
public struct StoredEvent: Sendable, Hashable, Codable {
    public var partner: String
    public var recordID: String
    public var personRecordID: String
    public var category: String
    public var dataCategory: String
    public var role: String
    public var occurredOn: String
    public var summary: String?
    public var nature: String
    public var opinionBasis: String?
    public var version: Int
}

extension StoredEvent {
    /// The event columns, in the events table and its versions.
    static let columns = ["partner_slug", "record_id", "person_record_id", "category", "data_category", "role",
                          "occurred_on", "summary", "nature", "opinion_basis", "version"]

    init(row: any SQLRow) throws {
        self.init(
            partner: try row.decode(column: "partner_slug", as: String.self),
            recordID: try row.decode(column: "record_id", as: String.self),
            personRecordID: try row.decode(column: "person_record_id", as: String.self),
            category: try row.decode(column: "category", as: String.self),
            dataCategory: try row.decode(column: "data_category", as: String.self),
            role: try row.decode(column: "role", as: String.self),
            occurredOn: try row.decode(column: "occurred_on", as: String.self),
            summary: try row.decode(column: "summary", as: String?.self),
            nature: try row.decode(column: "nature", as: String.self),
            opinionBasis: try row.decode(column: "opinion_basis", as: String?.self),
            version: try row.decode(column: "version", as: Int.self))
    }
}

/// Finds people and what partners hold about them.
public struct PeopleRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    func create(_ rows: [PersonRow], ids: [String: UUID], at now: Date) async throws {
        guard !rows.isEmpty else { return }
        var start = 0
        while start < rows.count {
            var insert = sql.insert(into: "people").columns("id", "display_name", "date_of_birth", "created_at")
            for row in rows[start..<min(start + 2_000, rows.count)] {
                insert = insert.values(ids[row.recordID]!, "\(row.givenNames) \(row.familyName)",
                                       row.dateOfBirth?.description, now)
            }
            try await insert.run()
            start += 2_000
        }
    }

    /// People whose name starts with the words given ("smith", "smith jan"),
    /// family name first or given name first, optionally born on `born`.
    public func search(name: String, born: CalendarDate? = nil, limit: Int = 50) async throws -> [PersonMatch] {
        let words = RecordColumns.fold(name).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        var patterns = [words.joined(separator: " ") + "%"]
        if words.count >= 2 {
            // "Jane Smith" typed given name first.
            patterns.append((words.dropFirst() + [words[0]]).joined(separator: " ") + "%")
        }
        var query = sql.select()
            .column("person_id").column("given_names").column("family_name")
            .column("date_of_birth").column("postcode").column("partner_slug")
            .from("source_records")
            .where { group in
                for pattern in patterns { group.orWhere("search_key", .like, pattern) }
                return group
            }
        if let born { query = query.where("date_of_birth", .equal, born.description) }
        let rows = try await query.limit(limit * 4).all()
        let typed = words.joined(separator: " ")
        var byPerson: [UUID: PersonMatch] = [:]
        var order: [UUID] = []
        for row in rows {
            guard let id = try row.decode(column: "person_id", as: UUID?.self) else { continue }
            let partner = try row.decode(column: "partner_slug", as: String.self)
            let given = try row.decode(column: "given_names", as: String.self)
            let family = try row.decode(column: "family_name", as: String.self)
            let record = PersonMatch.Record(
                partner: partner, displayName: "\(given) \(family)",
                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                postcode: try row.decode(column: "postcode", as: String?.self),
                exactName: RecordColumns.searchKey(given: given, family: family) == typed
                    || RecordColumns.fold(given + " " + family) == typed)
            if byPerson[id] == nil {
                order.append(id)
                byPerson[id] = PersonMatch(personID: id, records: [])
            }
            byPerson[id]?.records.append(record)
        }
        return order.prefix(limit).compactMap { byPerson[$0] }
    }

    public func sourceRecords(of person: UUID) async throws -> [StoredSourceRecord] {
        try await sql.select()
            .columns("partner_slug", "record_id", "version", "given_names", "family_name", "date_of_birth",
                     "sex", "address_line", "postcode", "nhs_number", "received_at")
            .from("source_records").where("person_id", .equal, person)
            .orderBy("partner_slug").all().map { row in
                StoredSourceRecord(
                    partner: try row.decode(column: "partner_slug", as: String.self),
                    recordID: try row.decode(column: "record_id", as: String.self),
                    version: try row.decode(column: "version", as: Int.self),
                    givenNames: try row.decode(column: "given_names", as: String.self),
                    familyName: try row.decode(column: "family_name", as: String.self),
                    dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                    sex: try row.decode(column: "sex", as: String?.self),
                    addressLine: try row.decode(column: "address_line", as: String?.self),
                    postcode: try row.decode(column: "postcode", as: String?.self),
                    nhsNumber: try row.decode(column: "nhs_number", as: String?.self),
                    receivedAt: try row.decode(column: "received_at", as: Date.self))
            }
    }

    /// Events about any of the given partner records, newest first.
    public func events(about records: [StoredSourceRecord]) async throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        for (partner, group) in Dictionary(grouping: records, by: \.partner) {
            let rows = try await sql.select()
                .columns(StoredEvent.columns.map { SQLIdentifier($0) })
                .from("events")
                .where("partner_slug", .equal, partner)
                .where("person_record_id", .in, group.map(\.recordID))
                .all()
            for row in rows {
                events.append(try StoredEvent(row: row))
            }
        }
        return events.sorted { ($0.occurredOn, $0.recordID) > ($1.occurredOn, $1.recordID) }
    }

    /// Counts of rows in the main tables, for the health page and tests.
    public func counts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["source_records", "source_record_versions", "people", "events", "involvements", "event_versions"] {
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()
            counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }
}
