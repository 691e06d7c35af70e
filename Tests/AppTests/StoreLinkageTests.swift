import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

@Suite struct StoreLinkageTests {
    func load(_ app: Application, _ partner: String, _ text: String) async throws {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                    linker: app.storeLinker)
            .run(partner: partner, kind: .people, source: .data(Data(text.utf8), name: "people.csv", contentType: nil))
    }

    func personOf(_ app: Application, _ partner: String, _ record: String) async throws -> UUID? {
        try await (app.db as! any SQLDatabase).select().column("person_id").from("source_records")
            .where("partner_slug", .equal, partner).where("record_id", .equal, record).first()?
            .decode(column: "person_id", as: UUID?.self)
    }

    @Test(arguments: TestStore.available)
    func recordsAcrossPartnersBecomeOnePersonAndNewRecordsJoinThem(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await load(app, "test-police", ImportTests.people)
            try await load(app, "test-council", """
                record_id,given_names,family_name,date_of_birth,sex,postcode,nhs_number
                C-7,Jane,Doe,1985-03-14,F,SS14 1DL,9434765919
                C-8,Robin,Ashworth-Pike,1971-11-02,M,SS16 4AA,
                """)
            let police = try await personOf(app, "test-police", "P-1")
            #expect(police != (try await personOf(app, "test-council", "C-7")), "no model yet: each record is its own person")

            let first = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            #expect(first.records == 5)
            let jane = try #require(try await personOf(app, "test-police", "P-1"))
            #expect(try await personOf(app, "test-council", "C-7") == jane)
            #expect(try await personOf(app, "test-council", "C-8") != jane)
            let page = try await PeopleRepository(database: app.db as! any SQLDatabase).sourceRecords(of: jane)
            #expect(Set(page.map(\.partner)) == ["test-police", "test-council"])
            // Jane and Sam share 12 Mill Road; Pat lives elsewhere.
            let household = try #require(try await HouseholdRepository(database: app.db as! any SQLDatabase).household(of: jane))
            let sam = try #require(try await personOf(app, "test-police", "P-2"))
            #expect(Set(household.members.map(\.personID)) == [jane, sam])
            #expect(household.evidence.contains { $0.hasPrefix("Shared address") })

            // A later import is resolved against the index without a new batch run.
            try await load(app, "test-council", """
                record_id,given_names,family_name,date_of_birth,sex,postcode,nhs_number
                C-9,Jane,Doe,1985-03-14,F,SS14 1DL,943 476 5919
                """)
            #expect(try await personOf(app, "test-council", "C-9") == jane)

            // Running again keeps people's ids.
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            #expect(try await personOf(app, "test-police", "P-1") == jane)
            let report = try await AuditRepository(database: app.db as! any SQLDatabase).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.isIntact)
        }
    }
}
