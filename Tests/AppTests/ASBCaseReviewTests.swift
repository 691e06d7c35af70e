@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// An ASB case review from application to appeal, as the chair records it:
/// the threshold is checked over the victim's matched reports, the written
/// decision is required, and the yearly counts follow.
@Suite struct ASBCaseReviewTests {
    func victim(_ app: Application) async throws -> UUID {
        try await RiskCaseFixture.load(app, "test-police", .people, """
            record_id,given_names,family_name,date_of_birth,sex,address_line,postcode
            A-1,Amira,Khan,1979-09-09,F,3 Low Road,SS15 1GH
            """)
        try await RiskCaseFixture.load(app, "test-police", .events, """
            record_id,person_record_id,category,role,occurred_on,summary
            B-1,A-1,asb,victim,\(RiskCaseFixture.daysAgo(20)),Noise and threats from a neighbour
            B-2,A-1,asb,victim,\(RiskCaseFixture.daysAgo(50)),Car damaged
            B-3,A-1,hate-crime,victim,\(RiskCaseFixture.daysAgo(90)),Abuse in the street
            B-4,A-1,asb,victim,\(RiskCaseFixture.daysAgo(300)),Old report
            """)
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        return try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "khan amira").first).personID
    }

    @Test(arguments: TestStore.available)
    func anApplicationMeetsTheThresholdIsDecidedInWritingReviewedAndAppealed(_ store: TestStore) async throws {
        try await withApp(store, partnership: RiskCaseFixture.partnership) { app in
            // setup
            let amira = try await victim(app)
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")
            _ = try await chair.send(.GET, "/asb-reviews")

            // act: the application
            let created = try await chair.send(.POST, "/asb-reviews", form: ["csrf": chair.csrf ?? "", "applicant": "Amira Khan", "person": amira.uuidString])
            #expect(created.status == .seeOther)
            let path = try #require(created.headers.first(name: .location))
            let page = try await chair.send(.GET, path)

            // validate: three recent reports count, the old one does not, and her name shows to the chair on her case
            let body = page.body.string
            #expect(page.status == .ok && page.headers.first(name: "X-Lantern-Access") != nil)
            #expect(body.contains("3 separate incidents reported in time") && body.contains("The threshold is met."))
            // Matched as a table cell: a bare "B-4" also turns up inside upper-case UUIDs ("8DAB-4EFE").
            #expect(body.contains("<td>B-1</td>") && body.contains("<td>B-3</td>"))
            #expect(!body.contains("<td>B-4</td>"), "a report from before the window is not fetched")
            #expect(body.contains("Victim: Amira Khan"), "\(body)")

            // act: a decision without its written reasons is refused
            let unwritten = try await chair.send(.POST, path + "/decide", form: ["csrf": chair.csrf ?? "", "met": "yes", "decision": " "])
            #expect(unwritten.headers.first(name: .location)?.contains("problem=decision") == true)

            for (step, form) in [("acknowledge", [String: String]()),
                                 ("decide", ["met": "yes", "decision": "Three incidents in six months, each reported promptly: the threshold is met."]),
                                 ("meeting", ["recommendations": "Housing to pursue a civil injunction; police patrols for four weeks."]),
                                 ("appeal", ["outcome": ""])] {
                var fields = form
                fields["csrf"] = chair.csrf ?? ""
                let response = try await chair.send(.POST, path + "/" + step, form: fields)
                #expect(response.headers.first(name: .location) == path, "\(step) was refused")
            }
            let after = try await chair.send(.GET, path).body.string
            #expect(after.contains("Appeal under way") && after.contains("civil injunction"))
            let twice = try await chair.send(.POST, path + "/decide", form: ["csrf": chair.csrf ?? "", "met": "no", "decision": "changed mind"])
            #expect(twice.headers.first(name: .location)?.contains("problem=") == true, "a decision is not overwritten")

            // validate: the published counts
            let year = CalendarDate.today(at: Date())
            let list = try await chair.send(.GET, "/asb-reviews?year=\(year.month >= 4 ? year.year : year.year - 1)").body.string
            #expect(list.contains("<th scope=\"row\">Applications received</th><td>1</td>"))
            #expect(list.contains("<th scope=\"row\">Case reviews that led to recommendations</th><td>1</td>"))
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "asb-review ASB-%") >= 5)
        }
    }

    @Test func anApplicationOnSomeonesBehalfNeedsConsentAndPractitionersCannotSeeReviews() async throws {
        try await withApp(.sqlite, partnership: RiskCaseFixture.partnership) { app in
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")
            _ = try await chair.send(.GET, "/asb-reviews")
            let refused = try await chair.send(.POST, "/asb-reviews", form: ["csrf": chair.csrf ?? "", "applicant": "Ward councillor", "onBehalf": "on"])
            #expect(refused.headers.first(name: .location)?.contains("problem=consent") == true)
            #expect(try await ASBCaseReviewRepository(database: app.db as! any SQLDatabase).all().isEmpty)
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/asb-reviews").status == .forbidden)
        }
    }
}
