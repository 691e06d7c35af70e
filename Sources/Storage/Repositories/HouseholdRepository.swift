import Foundation
import SQLKit

/// Where a person's records say they lived, and whom they declared as family.
public struct AddressFacts: Sendable {
    public var personID: UUID
    public var partner: String
    public var recordID: String
    public var uprn: String?
    public var addressLine: String?
    public var postcode: String?
    public var addressFrom: String?
    public var relatedRecordID: String?
    public var relationship: String?
}

/// A household as the person page shows it.
public struct HouseholdView: Sendable, Codable, Hashable {
    public struct Member: Sendable, Codable, Hashable {
        public var personID: UUID
        public var name: String
        public var dateOfBirth: String?

        public init(personID: UUID, name: String, dateOfBirth: String?) {
            self.personID = personID
            self.name = name
            self.dateOfBirth = dateOfBirth
        }
    }
    public var id: UUID
    public var members: [Member]
    public var evidence: [String]
}

/// A household to store: its members and the evidence in words.
public struct GroupedHousehold: Sendable {
    public var id: UUID
    public var members: [UUID]
    public var evidence: [String]

    public init(id: UUID, members: [UUID], evidence: [String]) {
        self.id = id
        self.members = members
        self.evidence = evidence
    }
}

/// Stores and reads households.
public struct HouseholdRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func addressFacts() async throws -> [AddressFacts] {
        try await sql.select()
            .columns("person_id", "partner_slug", "record_id", "uprn", "address_line", "postcode", "address_from",
                     "related_record_id", "relationship")
            .from("source_records").where("person_id", .isNot, SQLLiteral.null).all().map { row in
                AddressFacts(
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    partner: try row.decode(column: "partner_slug", as: String.self),
                    recordID: try row.decode(column: "record_id", as: String.self),
                    uprn: try row.decode(column: "uprn", as: String?.self),
                    addressLine: try row.decode(column: "address_line", as: String?.self),
                    postcode: try row.decode(column: "postcode", as: String?.self),
                    addressFrom: try row.decode(column: "address_from", as: String?.self),
                    relatedRecordID: try row.decode(column: "related_record_id", as: String?.self),
                    relationship: try row.decode(column: "relationship", as: String?.self))
            }
    }

    /// The current household of each person, for keeping ids stable.
    public func currentHouseholds() async throws -> [UUID: UUID] {
        var result: [UUID: UUID] = [:]
        for row in try await sql.select().columns("person_id", "household_id").from("household_members").all() {
            result[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(column: "household_id", as: UUID.self)
        }
        return result
    }

    public func replaceAll(_ households: [GroupedHousehold], at now: Date) async throws {
        for table in ["household_evidence", "household_members", "households"] {
            try await sql.delete(from: table).run()
        }
        for chunk in stride(from: 0, to: households.count, by: 1_000).map({ households[$0..<min($0 + 1_000, households.count)] }) {
            var insert = sql.insert(into: "households").columns("id", "size", "grouped_at")
            for household in chunk { insert = insert.values(household.id, household.members.count, now) }
            try await insert.run()
            let members = chunk.flatMap { household in household.members.map { (household.id, $0) } }
            for part in stride(from: 0, to: members.count, by: 2_000).map({ members[$0..<min($0 + 2_000, members.count)] }) {
                var memberInsert = sql.insert(into: "household_members").columns("household_id", "person_id")
                for (household, person) in part { memberInsert = memberInsert.values(household, person) }
                try await memberInsert.run()
            }
            let evidence = chunk.flatMap { household in household.evidence.map { (household.id, $0) } }
            for part in stride(from: 0, to: evidence.count, by: 2_000).map({ evidence[$0..<min($0 + 2_000, evidence.count)] }) {
                var evidenceInsert = sql.insert(into: "household_evidence").columns("household_id", "description")
                for (household, text) in part { evidenceInsert = evidenceInsert.values(household, text) }
                try await evidenceInsert.run()
            }
        }
        // Last, so that the change log's numbering lock is held only until commit.
        try await StoreChangeLog(database: sql).noteEverything(kind: "households", at: now)
    }

    public func household(of person: UUID) async throws -> HouseholdView? {
        guard let id = try await sql.select().column("household_id").from("household_members")
            .where("person_id", .equal, person).first()?.decode(column: "household_id", as: UUID.self) else { return nil }
        let members = try await sql.select().column(SQLColumn("id", table: "people"), as: "id")
            .column("display_name").column("date_of_birth")
            .from("household_members")
            .join("people", on: SQLColumn("id", table: "people"), .equal, SQLColumn("person_id", table: "household_members"))
            .where("household_id", .equal, id).orderBy("date_of_birth").all().map { row in
                HouseholdView.Member(personID: try row.decode(column: "id", as: UUID.self),
                                     name: try row.decode(column: "display_name", as: String.self),
                                     dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self))
            }
        let evidence = try await sql.select().column("description").from("household_evidence")
            .where("household_id", .equal, id).all().map { try $0.decode(column: "description", as: String.self) }
        return HouseholdView(id: id, members: members, evidence: evidence)
    }
}
