import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct AgreementRevisionTests {
    static let newTerms = #","reviewDue":"2031-03-31","flows":[{"from":"test-charity","to":["test-police","test-council"],"categories":["identity","domestic-abuse"],"purposes":["risk-panels"],"art6":"public-task","art10":"safeguarding-individuals-at-risk","statutes":["Domestic Abuse Act 2021"],"format":"meeting"}]"#

    @Test func aDraftsTermsAreRevisedAsANewVersionAndApprovedTermsAreNot() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let dpo = APICaller(app: app, username: "dee")
            let draft = try await agreementID(app, titled: "Charity draft")
            let revised = try await dpo.change(draft, "revise", reason: "MARAC sharing added", extra: Self.newTerms)
            #expect(revised.status == .ok)
            let stored = try #require(try await AgreementRepository(database: app.db as! any SQLDatabase).find(draft))
            #expect(stored.agreement.status == .draft)
            #expect(stored.agreement.flows.first?.categories == [.identity, .domesticAbuse])
            #expect(stored.agreement.reviewDue == CalendarDate(year: 2031, month: 3, day: 31))
            let history = try await AgreementRepository(database: app.db as! any SQLDatabase).history(of: draft)
            #expect(history.contains { $0.change == "revise" && $0.reason == "MARAC sharing added" })

            let missing = try await dpo.change(draft, "revise", reason: "no terms given")
            #expect(missing.status != .ok)
            #expect(missing.body.string.contains("terms-missing"))

            let approved = try await agreementID(app, titled: "Test ISP")
            let refused = try await dpo.change(approved, "revise", reason: "quietly widen it", extra: Self.newTerms)
            #expect(refused.status != .ok)
            #expect(refused.body.string.contains("transition-not-allowed"))
        }
    }
}
