@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The IOM cohort as the chair keeps it: selection with a reason, a review,
/// a recall, and de-selection with a reason, each audited.
@Suite struct IOMTests {
    @Test(arguments: TestStore.available)
    func aPersonIsSelectedReviewedRecalledAndDeselectedWithReasons(_ store: TestStore) async throws {
        try await withApp(store, partnership: RiskCaseFixture.partnership) { app in
            // setup
            let (_, ross) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")
            _ = try await chair.send(.GET, "/iom")

            // act and validate: a selection without a reason changes nothing
            let refused = try await chair.send(.POST, "/iom", form: ["csrf": chair.csrf ?? "", "person": ross.uuidString, "cohort": "fixed", "reason": ""])
            #expect(refused.headers.first(name: .location)?.contains("problem=reason") == true)
            #expect(try await IOMRepository(database: app.db as! any SQLDatabase).members().isEmpty)

            _ = try await chair.send(.POST, "/iom", form: ["csrf": chair.csrf ?? "", "person": ross.uuidString, "cohort": "fixed",
                                                           "reason": "Prolific burglary, released on licence"])
            let member = try #require(try await IOMRepository(database: app.db as! any SQLDatabase).members().first)
            _ = try await chair.send(.POST, "/iom/\(member.id)/review", form: ["csrf": chair.csrf ?? "", "note": "Engaging"])
            _ = try await chair.send(.POST, "/iom/\(member.id)/compliance", form: ["csrf": chair.csrf ?? "", "kind": "recalled"])
            let page = try await chair.send(.GET, "/iom")
            let body = page.body.string
            #expect(page.headers.first(name: "X-Lantern-Access") != nil)
            #expect(body.contains("Ross Tate") && body.contains("Prolific burglary") && body.contains("<td>recalled</td>"))
            let next = CalendarDate.today(at: Date()).adding(days: 28).description
            #expect(body.contains(next), "the next review is 28 days after today's")

            let noReason = try await chair.send(.POST, "/iom/\(member.id)/deselect", form: ["csrf": chair.csrf ?? "", "reason": " "])
            #expect(noReason.headers.first(name: .location)?.contains("problem=reason") == true)
            _ = try await chair.send(.POST, "/iom/\(member.id)/deselect", form: ["csrf": chair.csrf ?? "", "reason": "Sentenced to four years"])
            #expect(try await chair.send(.GET, "/iom").body.string.contains("Sentenced to four years"))
            for step in ["iom selected cohort:fixed", "iom review", "iom compliance:recalled", "iom deselect"] {
                #expect(try await RiskCaseFixture.auditCount(app, resourceLike: step) == 1, "\(step) audited once")
            }
        }
    }
}
