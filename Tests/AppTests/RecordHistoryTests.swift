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
}
