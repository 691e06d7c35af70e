import Foundation
import SQLKit

/// A source record's identifying fields, as the linker reads them.
public struct LinkableRecord: Sendable {
    public var id: UUID
    public var personID: UUID?
    public var partner: String
    public var givenNames: String
    public var familyName: String
    public var otherNames: String?
    public var dateOfBirth: String?
    public var sex: String?
    public var addressLine: String?
    public var postcode: String?
    public var uprn: String?
    public var phone: String?
    public var email: String?
    public var nhsNumber: String?
    public var croNumber: String?
}

/// Reads source records for linkage and stores its outcome: which person
/// each record belongs to, and the trained model.
public struct LinkageRepository: Sendable {
    let sql: any SQLDatabase
    static let columns = ["id", "person_id", "partner_slug", "given_names", "family_name", "other_names",
                          "date_of_birth", "sex", "address_line", "postcode", "uprn", "phone", "email",
                          "nhs_number", "cro_number"]

    public init(database: any SQLDatabase) { self.sql = database }

    /// Every source record, or only those first received in `batch`, or those
    /// with the given ids, or those of one person.
    public func records(firstReceivedIn batch: UUID? = nil, ids: [UUID]? = nil, person: UUID? = nil) async throws -> [LinkableRecord] {
        var query = sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("source_records")
        if let batch { query = query.where("batch_id", .equal, batch).where("version", .equal, 1) }
        if let ids { query = query.where("id", .in, ids) }
        if let person { query = query.where("person_id", .equal, person) }
        return try await records(query: query)
    }

    private func records(query: SQLSelectBuilder) async throws -> [LinkableRecord] {
        try await query.all().map { row in
            LinkableRecord(
                id: try row.decode(column: "id", as: UUID.self),
                personID: try row.decode(column: "person_id", as: UUID?.self),
                partner: try row.decode(column: "partner_slug", as: String.self),
                givenNames: try row.decode(column: "given_names", as: String.self),
                familyName: try row.decode(column: "family_name", as: String.self),
                otherNames: try row.decode(column: "other_names", as: String?.self),
                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                sex: try row.decode(column: "sex", as: String?.self),
                addressLine: try row.decode(column: "address_line", as: String?.self),
                postcode: try row.decode(column: "postcode", as: String?.self),
                uprn: try row.decode(column: "uprn", as: String?.self),
                phone: try row.decode(column: "phone", as: String?.self),
                email: try row.decode(column: "email", as: String?.self),
                nhsNumber: try row.decode(column: "nhs_number", as: String?.self),
                croNumber: try row.decode(column: "cro_number", as: String?.self))
        }
    }

    /// Moves records to people; creates the new people (named after one of
    /// their records) and removes people left with no records.
    public func assign(_ personOfRecord: [UUID: UUID], newPeople: [UUID: LinkableRecord], at now: Date) async throws {
        let people = Array(newPeople)
        var offset = 0
        while offset < people.count {
            var insert = sql.insert(into: "people").columns("id", "display_name", "date_of_birth", "created_at")
            for (id, record) in people[offset..<min(offset + 2_000, people.count)] {
                insert = insert.values(id, "\(record.givenNames) \(record.familyName)", record.dateOfBirth, now)
            }
            try await insert.run()
            offset += 2_000
        }
        // Whose records move, read before they move (their households change too), and
        // noted last, so the change log's numbering lock is held only until commit.
        let changes = StoreChangeLog(database: sql)
        var reached: Set<UUID>?
        if personOfRecord.count <= StoreChangeLog.widest, !personOfRecord.isEmpty || !newPeople.isEmpty {
            var moved = Set(personOfRecord.values).union(newPeople.keys)
            let records = Array(personOfRecord.keys)
            for start in stride(from: 0, to: records.count, by: 1_000) {
                for row in try await sql.select().column("person_id").from("source_records")
                    .where("id", .in, Array(records[start..<min(start + 1_000, records.count)])).all() {
                    if let person = try row.decode(column: "person_id", as: UUID?.self) { moved.insert(person) }
                }
            }
            reached = moved
        }
        for (record, person) in personOfRecord {
            try await sql.update("source_records").set("person_id", to: person).where("id", .equal, record).run()
        }
        try await sql.raw("""
            DELETE FROM people WHERE id NOT IN (SELECT person_id FROM source_records WHERE person_id IS NOT NULL)
            """).run()
        if personOfRecord.count > StoreChangeLog.widest {
            try await changes.noteEverything(kind: "linkage", at: now)
        } else if let reached {
            try await changes.notePeopleMoved(reached, at: now)
        }
    }

    /// The source records of these people.
    public func records(ofPeople people: [UUID]) async throws -> [LinkableRecord] {
        var found: [LinkableRecord] = []
        for start in stride(from: 0, to: people.count, by: 1_000) {
            found += try await records(query: sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("source_records")
                .where("person_id", .in, Array(people[start..<min(start + 1_000, people.count)])))
        }
        return found
    }

    /// A new model is a change every process's linkage index must rebuild for.
    public func saveModel(_ json: String, records: Int, at now: Date) async throws {
        try await sql.delete(from: "linkage_models").run()
        try await sql.insert(into: "linkage_models").columns("id", "model", "trained_at", "records")
            .values(1, json, now, records).run()
        try await StoreChangeLog(database: sql).noteEverything(kind: "linkage-model", at: now)
    }

    public func model() async throws -> String? {
        try await sql.select().column("model").from("linkage_models").where("id", .equal, 1).first()?
            .decode(column: "model", as: String.self)
    }
}
