@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// Analysts change the need rules as data; every change is checked whole,
/// saved as a new version with a reason, and the list re-ranks under it.
@Suite struct NeedRulesTests {
    func standardJSON() throws -> String { try NeedRulesController.json(.standard) }

    @Test func anAnalystSavesANewVersionAndTheListUsesIt() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            let before = try await client.send(.GET, "/case-finding/rules")
            #expect(before.body.string.contains("rules-editor") && before.body.string.contains("no analyst has changed them"))

            var edited = NeedRuleSet.standard
            edited.rules[0].lookBackDays += 30
            let json = try NeedRulesController.json(edited)
            let saved = try await client.send(.POST, "/case-finding/rules",
                                              form: ["csrf": client.csrf ?? "", "rules": json, "reason": "Partnership board asked for a longer window"])
            #expect(saved.status == .seeOther)
            let next = NeedRuleSet.standard.version + 1
            let page = try await client.send(.GET, "/case-finding/rules?saved=\(next)").body.string
            #expect(page.contains("Saved as version \(next)") && page.contains("Partnership board asked for a longer window"))
            #expect(page.contains("Rule set version \(next)"))
            #expect(page.contains("Rule \(edited.rules[0].id): look back \(NeedRuleSet.standard.rules[0].lookBackDays) to \(edited.rules[0].lookBackDays) days"))
            #expect(try await NeedRuleSetRepository(database: sql).latestVersion() == next)
            let list = try await app.casework.caseFindingList(sql, today: CalendarDate.today(at: Date()))
            #expect(list.caseFinding.ruleSet.version == next)
            #expect(list.caseFinding.ruleSet.rules[0].lookBackDays == NeedRuleSet.standard.rules[0].lookBackDays + 30)
            let audited = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource = \(bind: "need-rule-set version:\(next)")")
                .first()?.decode(column: "n", as: Int.self)
            #expect(audited == 1)
        }
    }

    @Test func aBrokenRuleSetIsRefusedWithEveryProblemAndNothingIsSaved() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            _ = try await client.send(.GET, "/case-finding/rules")
            var broken = NeedRuleSet.standard
            broken.rules[0].categoryCodes = ["missing-episod"]
            broken.rules[1].lookBackDays = 0
            let refused = try await client.send(.POST, "/case-finding/rules",
                                                form: ["csrf": client.csrf ?? "", "rules": try NeedRulesController.json(broken), "reason": "typo test"])
            #expect(refused.status == .unprocessableEntity)
            let text = refused.body.string
            #expect(text.contains("missing-episod") && text.contains(broken.rules[0].id) && text.contains(broken.rules[1].id))
            #expect(text.contains("Nothing was saved"))
            let notJSON = try await client.send(.POST, "/case-finding/rules", form: ["csrf": client.csrf ?? "", "rules": "{\"version\": 2,", "reason": "x"])
            #expect(notJSON.status == .unprocessableEntity && notJSON.body.string.contains("not JSON"))
            let noReason = try await client.send(.POST, "/case-finding/rules", form: ["csrf": client.csrf ?? "", "rules": try standardJSON(), "reason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await NeedRuleSetRepository(database: app.db as! any SQLDatabase).latestVersion() == nil)
        }
    }

    @Test func onlyAnalystsMayChangeTheRulesAndTheFormNeedsItsToken() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            let view = try await practitioner.send(.GET, "/case-finding/rules")
            #expect(view.status == .ok && !view.body.string.contains("rules-editor"))
            var edited = NeedRuleSet.standard
            edited.rules[0].minimumCount += 1
            let json = try NeedRulesController.json(edited)
            let forbidden = try await practitioner.send(.POST, "/case-finding/rules", form: ["csrf": practitioner.csrf ?? "", "rules": json, "reason": "r"])
            #expect(forbidden.status == .forbidden)
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            let forged = try await analyst.send(.POST, "/case-finding/rules", form: ["csrf": "forged", "rules": json, "reason": "r"])
            #expect(forged.status != .seeOther)
            #expect(try await NeedRuleSetRepository(database: app.db as! any SQLDatabase).latestVersion() == nil)
        }
    }

    /// Before saving, an analyst sees the draft's equality impact: the tables
    /// through disclosure control and in the ledger, and nothing saved.
    @Test func theEqualityImpactOfADraftIsShownBeforeItIsSaved() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            try await BoardReportsTests.load(app)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            _ = try await client.send(.GET, "/case-finding/rules")
            var edited = NeedRuleSet.standard
            edited.rules[0].minimumCount = 1
            let json = try NeedRulesController.json(edited)
            let shown = try await client.send(.POST, "/case-finding/rules",
                                              form: ["csrf": client.csrf ?? "", "rules": json, "reason": "", "action": "preview", "ratio": "1.5"])
            #expect(shown.status == .ok)
            let page = shown.body.string
            #expect(page.contains("id=\"equality-impact\"") && page.contains("Equality impact of these rules (not saved)"))
            #expect(page.contains("more than 1.5 times everyone's"))
            #expect(page.contains("By Sex") && page.contains("By Age band") && page.contains("By Ethnic group (ONS 2021)"))
            #expect(page.contains("id=\"disparities\"") || page.contains("id=\"no-disparity\""))
            #expect(try await NeedRuleSetRepository(database: sql).latestVersion() == nil, "a preview saves nothing")
            let releases = try await sql.raw("SELECT COUNT(*) AS n FROM disclosure_releases WHERE report = 'equality-draft-rules'").first()?.decode(column: "n", as: Int.self)
            #expect(releases == 3, "each table is released through the guard and kept in the register")
            let bad = try await client.send(.POST, "/case-finding/rules",
                                            form: ["csrf": client.csrf ?? "", "rules": json, "reason": "", "action": "preview", "ratio": "0.5"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("above 1"))
        }
    }
}
