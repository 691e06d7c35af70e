import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct AlertTests {
    @Test func domesticAbuseWhereAChildLivesNotifiesTheFamilysWorkerOnly() async throws {
        try await withApp(.sqlite) { app in
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                        linker: app.storeLinker, alerts: app.accessGate)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let sql = app.db as! any SQLDatabase
            let sam = try #require(try await PeopleRepository(database: sql).search(name: "doe sam").first).personID
            try await addUser(app, "worker", partner: "test-council")
            try await addUser(app, "other", partner: "test-council")
            let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
            try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: [sam], kind: "allocated-worker", at: Date())
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "janes-worker", partner: "test-council")
            let janesWorker = try #require(try await UserRepository(database: sql).find(username: "janes-worker"))
            try await CaseRelationshipRepository(database: sql).add(user: janesWorker.id, people: [jane], kind: "allocated-worker", at: Date())

            let first = "record_id,person_record_id,category,role,occurred_on\nA-1,P-1,asb,subject,\(CaseworkTests.daysAgo(30))\n"
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(first.utf8), name: "e1.csv", contentType: nil))
            #expect(try await NotificationRepository(database: sql).notifications(for: worker.id).isEmpty, "anti-social behaviour alone raises no alert")

            // Jane is a victim of domestic abuse, and Sam (a child) lives with her.
            let second = "record_id,person_record_id,category,role,occurred_on\nD-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(3))\n"
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(second.utf8), name: "e2.csv", contentType: nil))
            // Sam's worker may not see Jane's events: told only that partners hold something new.
            let alerts = try await NotificationRepository(database: sql).notifications(for: worker.id)
            #expect(alerts.count == 1)
            #expect(alerts.allSatisfy { !$0.message.contains("omestic abuse") && !$0.message.contains("Test Police") })
            let full = try await NotificationRepository(database: sql).notifications(for: janesWorker.id)
            #expect(full.count == 1)
            #expect(full.first?.message.contains("Domestic abuse") == true)
            let other = try #require(try await UserRepository(database: sql).find(username: "other"))
            #expect(try await NotificationRepository(database: sql).notifications(for: other.id).isEmpty)

            var client = PageClient(app: app)
            _ = try await client.signIn("worker", "correct horse battery")
            let page = try await client.send(.GET, "/notifications")
            #expect(page.body.string.contains(try #require(alerts.first).message))
            #expect(page.body.string.contains("/households/"))
        }
    }
}
