@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The MATAC list as a chair and an analyst use it: it proposes, with every
/// score in words; the chair records the panel's decision with a reason;
/// names appear only once the person is on the chair's panel case.
@Suite struct MatacTests {
    @Test(arguments: TestStore.available)
    func theListProposesWithReasonsAndTheChairSelectsWithAReason(_ store: TestStore) async throws {
        try await withApp(store, partnership: RiskCaseFixture.partnership) { app in
            // setup
            let (dale, ross) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")

            // act: the list before any decision
            let list = try await chair.send(.GET, "/matac")

            // validate
            #expect(list.status == .ok)
            let body = list.body.string
            let daleRef = RiskCaseAccess.reference(dale, prefix: "M"), rossRef = RiskCaseAccess.reference(ross, prefix: "M")
            let first = try #require(body.range(of: daleRef)), second = try #require(body.range(of: rossRef))
            #expect(first.lowerBound < second.lowerBound, "Dale (64) ranks above Ross")
            #expect(body.contains("<strong>64</strong>") && body.contains("Serial perpetrator"))
            #expect(body.contains("Victims 15: 2 different victims linked (2 or more)."))
            #expect(!body.contains("Dale Marsh") && body.contains("Name withheld"))
            #expect(list.headers.first(name: "X-Lantern-Access") != nil)

            // act: a decision without a reason is refused and nothing is stored
            let noReason = try await chair.send(.POST, "/matac/people/\(dale)/decision",
                                                form: ["csrf": chair.csrf ?? "", "outcome": "selected", "reason": " ", "interventions[]": "disruption"])
            #expect(noReason.status == .seeOther)
            #expect(noReason.headers.first(name: .location)?.contains("problem=reason") == true)
            let sql = app.db as! any SQLDatabase
            #expect(try await MatacRepository(database: sql).decisions().isEmpty)

            // act: the panel selects Dale
            let selected = try await chair.send(.POST, "/matac/people/\(dale)/decision",
                                                form: ["csrf": chair.csrf ?? "", "outcome": "selected", "interventions[]": "disruption",
                                                       "reason": "Serial perpetrator, escalating: disruption via DVPO"])
            #expect(selected.status == .seeOther)
            let decisions = try await MatacRepository(database: sql).decisions(about: dale)
            #expect(decisions.map(\.outcome) == ["selected"] && decisions[0].scoreSeen == 64 && decisions[0].interventions == ["disruption"])
            #expect(try await MatacRepository(database: sql).scores(of: dale).map(\.total) == [64])

            // validate: the chair now sits on Dale's panel case, so his name shows; Ross's does not
            let after = try await chair.send(.GET, "/matac").body.string
            #expect(after.contains("Dale Marsh") && after.contains("Selected for MATAC"))
            #expect(!after.contains("Ross Tate"))
            let page = try await chair.send(.GET, "/matac/people/\(dale)")
            #expect(page.status == .ok && page.body.string.contains("Serial perpetrator, escalating"))
            #expect(page.body.string.contains("Recency 30: the latest counted event was 10 days ago"))
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "matac decision:selected%") == 1)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "matac-list items%") >= 2)
        }
    }

    @Test func onlyChairsAndAnalystsSeeTheListAndOnlyChairsDecide() async throws {
        try await withApp(.sqlite, partnership: RiskCaseFixture.partnership) { app in
            let (dale, _) = try await RiskCaseFixture.perpetrators(app)
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/matac").status == .forbidden)
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            #expect(try await analyst.send(.GET, "/matac").status == .ok)
            let refused = try await analyst.send(.POST, "/matac/people/\(dale)/decision",
                                                 form: ["csrf": analyst.csrf ?? "", "outcome": "not-selected", "reason": "r"])
            #expect(refused.status == .forbidden)
        }
    }

    @Test func anAnalystSavesNewWeightsAsAVersionAndBrokenOnesAreRefusedWhole() async throws {
        try await withApp(.sqlite, partnership: RiskCaseFixture.partnership) { app in
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            try await addUser(app, "chair", partner: "test-council", roles: ["panel-chair"])
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            let before = try await analyst.send(.GET, "/matac/rules")
            #expect(before.body.string.contains("no analyst has changed them") && before.body.string.contains("weights-editor"))

            var broken = MatacWeights.standard
            broken.gravity[0].category = "violnce"
            broken.recency[0].points = -1
            let refused = try await analyst.send(.POST, "/matac/rules", form: ["csrf": analyst.csrf ?? "", "weights": try MatacRulesController.json(broken),
                                                                               "reason": "test"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("violnce") && refused.body.string.contains("recency[0].points"))

            var edited = MatacWeights.standard
            edited.serial.withinDays = 730
            let saved = try await analyst.send(.POST, "/matac/rules", form: ["csrf": analyst.csrf ?? "", "weights": try MatacRulesController.json(edited),
                                                                             "reason": "Board: align the serial window with the look-back"])
            #expect(saved.status == .seeOther)
            let page = try await analyst.send(.GET, "/matac/rules?saved=2").body.string
            #expect(page.contains("Saved as version 2") && page.contains("Board: align the serial window"))
            #expect(page.contains("Serial rule: 2 victims in 1095 days to 2 victims in 730 days"))
            #expect(try await MatacRepository(database: app.db as! any SQLDatabase).latestWeights()?.version == 2)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "matac-weights version:2") == 1)

            var chair = PageClient(app: app)
            _ = try await chair.signIn("chair", "correct horse battery")
            #expect(try await chair.send(.GET, "/matac/rules").status == .ok)
            let forbidden = try await chair.send(.POST, "/matac/rules", form: ["csrf": chair.csrf ?? "", "weights": try MatacRulesController.json(edited),
                                                                              "reason": "x"])
            #expect(forbidden.status == .forbidden)
        }
    }
}
