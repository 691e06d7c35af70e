@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A retention rule whose action is "review" gives the owning partner's
/// records officer a review instead of a destruction: keep, with a reason
/// and the next review date, or dispose.
@Suite struct RetentionReviewTests {
    /// The police schedule saved (thefts are reviewed after 6 years) and today's review task made by the daily run.
    static func reviewDue(_ app: Application) async throws -> StoredDisposalBatch {
        _ = try await RetentionTests.setUp(app)
        var dpo = try await RetentionTests.signedIn(app, "dee")
        _ = try await dpo.send(.POST, "/retention/rules", form: ["csrf": dpo.csrf ?? "", "rules": RetentionTests.policeRules, "reason": "Force schedule adopted"])
        let made = try await RetentionDailyRun.prepareReviews(app, on: CalendarDate.today(at: Date()))
        #expect(made.count == 1, "only the theft rule says review")
        let reference = try #require(made.first)
        return try #require(try await RetentionRepository(database: app.db as! any SQLDatabase).batch(reference))
    }

    static func theft(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.select().column("id").from("events").where("record_id", .equal, "E-3").all().count
    }

    @Test(arguments: TestStore.available)
    func theRecordsOfficerKeepsRecordsToANewReviewDateWithAReason(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            let batch = try await Self.reviewDue(app)
            #expect(batch.action == "review" && batch.status == .awaitingApproval && batch.recordClass == "events:theft")
            let rhea = try #require(try await UserRepository(database: sql).find(username: "rhea"))
            #expect(try await NotificationRepository(database: sql).notifications(for: rhea.id).contains { $0.message.contains("reached their review date") })
            var officer = try await RetentionTests.signedIn(app, "rhea")
            #expect(try await officer.send(.GET, "/home").body.string.contains("Records due for review"))
            #expect(try await officer.send(.GET, "/retention").body.string.contains("id=\"review-\(batch.reference)\""))
            let review = "/retention/batches/\(batch.id)/review"

            // act, validate: approval alone cannot destroy a review rule's records; another partner's officer is refused
            let approve = try await officer.send(.POST, "/retention/batches/\(batch.id)/approve", form: ["csrf": officer.csrf ?? ""])
            #expect(approve.headers.first(name: .location)?.contains("problem=") == true)
            var rex = try await RetentionTests.signedIn(app, "rex")
            #expect(try await rex.send(.POST, review, form: ["csrf": rex.csrf ?? "", "decision": "keep", "reason": "Not mine to keep",
                                                             "reviewOn": "2099-01-01"]).status == .forbidden)
            let later = CalendarDate.today(at: Date()).adding(days: 365)
            for form in [["decision": "keep", "reason": "", "reviewOn": later.description],
                         ["decision": "keep", "reason": "Linked to an open investigation", "reviewOn": ""],
                         ["decision": "keep", "reason": "Linked to an open investigation", "reviewOn": CalendarDate.today(at: Date()).description]] {
                let refused = try await officer.send(.POST, review, form: form.merging(["csrf": officer.csrf ?? ""]) { $1 })
                #expect(refused.headers.first(name: .location)?.contains("problem=") == true)
            }
            #expect(try await RetentionRepository(database: sql).batch(batch.reference)?.status == .awaitingApproval)

            let kept = try await officer.send(.POST, review, form: ["csrf": officer.csrf ?? "", "decision": "keep",
                                                                    "reason": "Linked to an open investigation", "reviewOn": later.description])
            #expect(kept.headers.first(name: .location)?.contains("done=") == true)

            // validate: kept, recorded with its reason and date, and not due again until then
            #expect(try await RetentionRepository(database: sql).batch(batch.reference)?.status == .kept)
            #expect(try await Self.theft(sql) == 1)
            let recorded = try await sql.select().columns("decision", "reason", "review_on").from("retention_reviews").all()
            #expect(recorded.count == 1)
            #expect(try recorded.first?.decode(column: "review_on", as: String.self) == later.description)
            #expect(try await RetentionDailyRun.prepareReviews(app, on: CalendarDate.today(at: Date())).isEmpty, "kept until its review date")
            #expect(try await RetentionDailyRun.prepareReviews(app, on: later.adding(days: 1)).count == 1, "due again after it")
        }
    }

    @Test func theRecordsOfficerDisposesAtReviewWithACertificate() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            let batch = try await Self.reviewDue(app)
            var officer = try await RetentionTests.signedIn(app, "rhea")

            // act
            let disposed = try await officer.send(.POST, "/retention/batches/\(batch.id)/review", form: [
                "csrf": officer.csrf ?? "", "decision": "dispose", "reason": "No longer needed for a policing purpose"])

            // validate
            #expect(disposed.headers.first(name: .location)?.contains("done=") == true)
            #expect(try await Self.theft(sql) == 0)
            let done = try #require(try await RetentionRepository(database: sql).batch(batch.reference))
            #expect(done.status == .disposed && done.certificate?.contains("removed.events=1") == true)
            #expect(try await sql.select().column("decision").from("retention_reviews").first()?.decode(column: "decision", as: String.self) == "dispose")
        }
    }
}
