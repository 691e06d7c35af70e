@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// MATAC, ASB case reviews and IOM over the JSON API, as a partner's case
/// system uses them: the same roles, checks and audit as the pages, names
/// only where the access decision allows, refusals as catalogued JSON.
@Suite struct RiskCasesAPITests {
    static let json: HTTPHeaders = ["Content-Type": "application/json"]

    @Test(arguments: TestStore.available)
    func aChairReadsTheMatacListAndRecordsADecisionOverTheAPI(_ store: TestStore) async throws {
        try await withApp(store, partnership: RiskCaseFixture.partnership) { app in
            // setup
            let (dale, ross) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")

            // act: the list before any decision
            let list = try await chair.send(.GET, "/api/v1/matac?limit=10")

            // validate: ranked as the page ranks, explained, no names yet
            #expect(list.status == .ok && list.headers.first(name: "X-Lantern-Access") != nil)
            let proposed = try list.content.decode(RiskCasesAPIController.MatacList.self)
            #expect(proposed.entries.map(\.person.id) == [dale, ross])
            #expect(proposed.entries[0].score.total == 64 && proposed.entries[0].score.serial)
            #expect(proposed.entries.allSatisfy { $0.person.name == RiskCaseAccess.withheld })
            #expect(!list.body.string.contains("Dale Marsh"))
            // A limit outside what the document allows is refused with the field named, not clamped.
            for bad in ["0", "201", "ten"] {
                let refused = try await chair.send(.GET, "/api/v1/matac?limit=\(bad)")
                #expect(refused.status == .badRequest && refused.body.string.contains("limit"), "limit=\(bad)")
            }

            // act: a decision without a reason is a 422 naming the field, and nothing is stored
            let sql = app.db as! any SQLDatabase
            let noReason = try await chair.send(.POST, "/api/v1/matac/people/\(dale)/decision", headers: Self.json,
                                                body: #"{"outcome":"selected","reason":" ","interventions":["disruption"]}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(try noReason.content.decode(RiskCasesAPIController.Problems.self).problems.map(\.field) == ["reason"])
            #expect(try await MatacRepository(database: sql).decisions().isEmpty)

            // act: the panel selects Dale
            let selected = try await chair.send(.POST, "/api/v1/matac/people/\(dale)/decision", headers: Self.json,
                                                body: #"{"outcome":"selected","reason":"Serial perpetrator: disruption","interventions":["disruption"]}"#)

            // validate: stored with the score seen, audited, and now the chair (on Dale's panel case) sees his name
            #expect(selected.status == .created)
            #expect(try selected.content.decode(RiskCasesAPIController.Decision.self).scoreSeen == 64)
            #expect(try await MatacRepository(database: sql).decisions(about: dale).map(\.outcome) == ["selected"])
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "matac decision:selected%") == 1)
            let person = try await chair.send(.GET, "/api/v1/matac/people/\(dale)")
            let read = try person.content.decode(RiskCasesAPIController.MatacPerson.self)
            #expect(read.person.name.hasPrefix("Dale Marsh") && read.decisions.map(\.reason) == ["Serial perpetrator: disruption"])
            let again = try await chair.send(.GET, "/api/v1/matac").content.decode(RiskCasesAPIController.MatacList.self)
            #expect(again.entries.first { $0.person.id == ross }?.person.name == RiskCaseAccess.withheld)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "matac list api%") == 2)

            // validate: a query key the document does not declare is refused
            #expect(try await chair.send(.GET, "/api/v1/matac?sort=name").status == .badRequest)
        }
    }

    @Test func practitionersAreRefusedWithACataloguedCodeAndAnalystsMayReadButNotDecide() async throws {
        try await withApp(.sqlite, partnership: RiskCaseFixture.partnership) { app in
            let (dale, _) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            for path in ["/api/v1/matac", "/api/v1/asb-reviews", "/api/v1/iom", "/api/v1/matac/people/\(dale)"] {
                let refused = try await practitioner.send(.GET, path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(try refused.content.decode(APIError.self).code == "panel-role-required", "\(path)")
            }
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            #expect(try await analyst.send(.GET, "/api/v1/iom").status == .ok)
            let decision = try await analyst.send(.POST, "/api/v1/matac/people/\(dale)/decision", headers: Self.json,
                                                  body: #"{"outcome":"not-selected","reason":"r"}"#)
            #expect(decision.status == .forbidden)
            #expect(try decision.content.decode(APIError.self).code == "panel-role-required")
            let selection = try await analyst.send(.POST, "/api/v1/iom", headers: Self.json,
                                                   body: #"{"person":"\#(dale)","cohort":"fixed","reason":"r"}"#)
            #expect(selection.status == .forbidden)
            #expect(try await IOMRepository(database: app.db as! any SQLDatabase).members().isEmpty)
        }
    }

    @Test(arguments: TestStore.available)
    func anASBApplicationAndAnIOMSelectionAreRecordedOverTheAPI(_ store: TestStore) async throws {
        try await withApp(store, partnership: RiskCaseFixture.partnership) { app in
            // setup
            let (dale, ross) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")
            let sql = app.db as! any SQLDatabase

            // act and validate: an application on someone's behalf without consent is refused whole
            let noConsent = try await chair.send(.POST, "/api/v1/asb-reviews", headers: Self.json,
                                                 body: #"{"applicant":"A neighbour","onBehalf":true,"person":"\#(dale)"}"#)
            #expect(noConsent.status == .unprocessableEntity)
            #expect(try noConsent.content.decode(RiskCasesAPIController.Problems.self).problems.map(\.field) == ["consent"])
            #expect(try await ASBCaseReviewRepository(database: sql).all().isEmpty)

            // act: a complete application
            let created = try await chair.send(.POST, "/api/v1/asb-reviews", headers: Self.json,
                                               body: #"{"applicant":"Kim Marsh","person":"\#(dale)"}"#)
            #expect(created.status == .created)
            let made = try created.content.decode(RiskCasesAPIController.Created.self)
            let review = try await chair.send(.GET, "/api/v1/asb-reviews/\(made.id)")
            let read = try review.content.decode(RiskCasesAPIController.Review.self)
            #expect(read.reference == made.reference && read.deadlines?.map(\.name).isEmpty == false)
            #expect(read.victim?.name.hasPrefix("Dale Marsh") == true, "the chair joined the victim's panel case")
            #expect(try await chair.send(.GET, "/api/v1/asb-reviews").content.decode([RiskCasesAPIController.Review].self).count == 1)
            #expect(try await chair.send(.GET, "/api/v1/asb-reviews/\(UUID())").status == .notFound)

            // act and validate: an IOM selection into a cohort that does not exist is refused whole
            let badCohort = try await chair.send(.POST, "/api/v1/iom", headers: Self.json,
                                                 body: #"{"person":"\#(ross)","cohort":"nonsense","reason":"Prolific"}"#)
            #expect(badCohort.status == .unprocessableEntity)
            #expect(try badCohort.content.decode(RiskCasesAPIController.Problems.self).problems.map(\.field) == ["cohort"])
            let selected = try await chair.send(.POST, "/api/v1/iom", headers: Self.json,
                                                body: #"{"person":"\#(ross)","cohort":"fixed","reason":"Prolific burglary"}"#)
            #expect(selected.status == .created)
            let members = try await chair.send(.GET, "/api/v1/iom").content.decode([RiskCasesAPIController.Member].self)
            #expect(members.map(\.person.id) == [ross] && members[0].person.name.hasPrefix("Ross Tate"))
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "iom selected cohort:fixed") == 1)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "asb-review application api") == 1, "the refused attempt is audited")
        }
    }
}
