import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

@Suite struct ImportTests {
    static let people = """
        record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
        P-1,Jane,Doe,14/03/1985,F,12 Mill Road,SS14 1DL,943 476 5919
        P-2,Sam,Doe,2012-07-14,M,12 Mill Road,SS14 1DL,
        P-3,"O'Brien, Pat",Kelly,1990-01-01,X,"Flat 2, 3 High St",SS15 6PH,

        """

    func run(_ app: Application, _ partner: String, _ kind: ImportKind, _ text: String, name: String = "extract.csv",
             quarantine: QuarantineFile? = nil) async throws -> ImportSummary {
        try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: partner, kind: kind, source: .data(Data(text.utf8), name: name, contentType: nil), quarantine: quarantine)
    }

    func counts(_ app: Application) async throws -> [String: Int] {
        try await PeopleRepository(database: app.db as! any SQLDatabase).counts()
    }

    @Test(arguments: TestStore.available)
    func goodExtractsLoad(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let summary = try await run(app, "test-police", .people, Self.people)
            #expect(summary.loaded == 3 && summary.updated == 0 && summary.rejected == 0)
            let events = """
                record_id,person_record_id,category,role,occurred_on,summary,nature,opinion_basis
                E-1,P-1,domestic-abuse,victim,2025-01-02,Incident at home,fact,
                E-2,P-2,asb,subject,02/03/2025,"Reported by neighbour, twice",opinion,Neighbour statements
                """
            #expect(try await run(app, "test-police", .events, events).loaded == 2)
            let found = try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe jane")
            #expect(found.map(\.displayName) == ["Jane Doe"])
            let records = try await PeopleRepository(database: app.db as! any SQLDatabase).sourceRecords(of: found[0].personID)
            let held = try await PeopleRepository(database: app.db as! any SQLDatabase).events(about: records)
            #expect(held.map(\.category) == ["domestic-abuse"])
        }
    }

    @Test(arguments: TestStore.available)
    func aBadExtractIsRefusedWholeWithEveryProblem(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let bad = """
                record_id,given_names,family_name,date_of_birth,postcode,nhs_number
                P-1,Jane,Doe,31/02/1990,SS14 1DL,
                P-2,Sam,Doe,2012-07-14,NOPE,9434765918
                P-3,Ok,Row,2001-01-01,,
                P-4,Short,Row
                """
            let error = await #expect(throws: ImportFailure.self) { try await run(app, "test-police", .people, bad, name: "people.csv") }
            guard case .rejected(let problems, _, let rows) = error else { Issue.record("expected rejection"); return }
            #expect(rows == 4)
            #expect(problems.map(\.description) == [
                "people.csv:2: date_of_birth \"31/02/1990\": not a real date",
                "people.csv:3: postcode \"NOPE\": not a UK postcode",
                "people.csv:3: nhs_number \"9434765918\": check digit does not match (modulus 11)",
                "people.csv:5: has 3 fields but the header has 6",
            ])
            let after = try await counts(app)
            #expect(after["source_records"] == 0 && after["people"] == 0)
        }
    }

    @Test(arguments: TestStore.available)
    func reimportingARecordUpdatesItAndKeepsThePriorVersion(_ store: TestStore) async throws {
        try await withApp(store) { app in
            _ = try await run(app, "test-police", .people, Self.people)
            let moved = """
                record_id,given_names,family_name,date_of_birth,postcode
                P-1,Jane,Doe,14/03/1985,SS15 6PH
                P-9,New,Person,,
                """
            let summary = try await run(app, "test-police", .people, moved)
            #expect(summary.loaded == 1 && summary.updated == 1)
            let after = try await counts(app)
            #expect(after["source_records"] == 4)
            #expect(after["source_record_versions"] == 1)
            let people = PeopleRepository(database: app.db as! any SQLDatabase)
            let jane = try await people.search(name: "jane doe")
            let records = try await people.sourceRecords(of: try #require(jane.first).personID)
            #expect(records.map(\.postcode) == ["SS15 6PH"])
            #expect(records.map(\.version) == [2])
            let history = try await RecordHistoryRepository(database: app.db as! any SQLDatabase).history(partner: "test-police", recordID: "P-1")
            #expect(history.versions.map(\.version) == [2, 1])
            #expect(history.versions.map { $0.fields["postcode"] } == ["SS15 6PH", "SS14 1DL"])
            #expect(history.versions.last?.supersededAt != nil)
        }
    }

    @Test(arguments: TestStore.available)
    func quarantineLoadsGoodRowsAndWritesBadOnes(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID()).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let mixed = """
                record_id,given_names,family_name,date_of_birth
                P-1,Jane,Doe,14/03/1985
                P-2,Sam,Doe,2099-01-01
                """
            let summary = try await run(app, "test-police", .people, mixed, quarantine: try QuarantineFile(path: path))
            #expect(summary.loaded == 1 && summary.rejected == 1)
            let rejects = try String(contentsOfFile: path, encoding: .utf8)
            #expect(rejects.contains("3,P-2,Sam,Doe"))
            #expect(rejects.contains("date_of_birth: is in the future"))
        }
    }

    @Test(arguments: TestStore.available)
    func partnersWithoutAnInForceAgreementShareNothing(_ store: TestStore) async throws {
        try await withApp(store) { app in
            await #expect(throws: ImportFailure.self) { try await run(app, "test-charity", .people, Self.people) }
            await #expect(throws: ImportFailure.self) { try await run(app, "nobody", .people, Self.people) }
            // The council's flow covers housing but not crime.
            _ = try await run(app, "test-council", .people, Self.people)
            let crime = "record_id,person_record_id,category,role,occurred_on\nE-1,P-1,theft,victim,2025-01-01\n"
            let error = await #expect(throws: ImportFailure.self) { try await run(app, "test-council", .events, crime) }
            #expect(error?.description.contains("no approved agreement in force lets Test Council share crime data") == true)
        }
    }

    @Test(arguments: TestStore.available)
    func eventsMustBeAboutKnownPeopleAndJSONLinesWork(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let people = #"{"record_id": "P-1", "given_names": "Jane", "family_name": "Doe", "date_of_birth": "1985-03-14"}"#
            let loaded = try await run(app, "test-police", .people, people + "\n", name: "people.jsonl").loaded
            #expect(loaded == 1)
            let extract = """
                record_id,person_record_id,category,role,occurred_on
                E-1,P-1,violence,victim,2025-01-01
                E-2,P-404,violence,victim,2025-01-01
                """
            let error = await #expect(throws: ImportFailure.self) { try await run(app, "test-police", .events, extract) }
            guard case .rejected(let problems, _, _) = error else { Issue.record("expected rejection"); return }
            #expect(problems.map(\.field) == ["person_record_id"])
            let events = try await counts(app)["events"]
            #expect(events == 0)
        }
    }
}
