import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct RecordHistoryTests {
    @Test func everyVersionOfARecordIsShownToThoseWhoMaySeeIt() async throws {
        try await withApp(.sqlite) { app in
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "first.csv", contentType: nil))
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(
                Data("record_id,given_names,family_name,postcode\nP-1,Jane,Doe,SS15 6PH\n".utf8), name: "moved.csv", contentType: nil))
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let hidden = try await client.send(.GET, "/records/test-police/P-1/history")
            #expect(hidden.headers.first(name: "X-Lantern-Access") == "deny")
            #expect(!hidden.body.string.contains("SS14 1DL"))
            let jane = try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe jane").first)
            let pat = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "pat"))
            try await CaseRelationshipRepository(database: app.db as! any SQLDatabase)
                .add(user: pat.id, people: [jane.personID], kind: "allocated-worker", at: Date())
            let page = try await client.send(.GET, "/records/test-police/P-1/history").body.string
            #expect(page.contains("Version 2") && page.contains("Version 1"))
            #expect(page.contains("SS15 6PH") && page.contains("SS14 1DL"))
            #expect(page.contains("moved.csv") && page.contains("first.csv"))
        }
    }

    @Test func anEventsEarlierVersionsAreKeptAndShownWithTheirFile() async throws {
        try await withApp(.sqlite) { app in
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "people.csv", contentType: nil))
            let header = "record_id,person_record_id,category,role,occurred_on,summary,nature,opinion_basis\n"
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(
                Data((header + "E-9,P-1,asb,subject,2025-01-02,Noise complaint,fact,\n").utf8), name: "first-events.csv", contentType: nil))
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(
                Data((header + "E-9,P-1,asb,subject,2025-01-02,Noise complaint withdrawn,opinion,Officer view\n").utf8),
                name: "corrected-events.csv", contentType: nil))
            let history = try await RecordHistoryRepository(database: app.db as! any SQLDatabase)
                .history(of: .event, partner: "test-police", recordID: "E-9")
            #expect(history.versions.map(\.version) == [2, 1])
            #expect(history.versions.map { $0.fields["summary"] } == ["Noise complaint withdrawn", "Noise complaint"])
            #expect(history.dataCategory == "asb" && history.person != nil)

            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            let page = try await client.send(.GET, "/events/test-police/E-9/history")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: "X-Lantern-Access") != nil)
            let text = page.body.string
            #expect(text.contains("corrected-events.csv") && text.contains("first-events.csv"))
            #expect(text.contains("Noise complaint withdrawn") && text.contains("Officer view"))
            // A charity with no agreement in force sees none of it.
            try await addUser(app, "cass", partner: "test-charity", roles: ["practitioner"])
            var outsider = PageClient(app: app)
            _ = try await outsider.signIn("cass", "correct horse battery")
            let refused = try await outsider.send(.GET, "/events/test-police/E-9/history")
            #expect(refused.headers.first(name: "X-Lantern-Access") == "deny")
            #expect(!refused.body.string.contains("Noise complaint"))
            let missing = try await client.send(.GET, "/events/test-police/NOPE/history")
            #expect(missing.status == .notFound)
        }
    }
}
