import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The terms editor: the owner edits a draft's flows on a page; each save is
/// a new version with a reason; bad flows are named and nothing is saved.
@Suite struct AgreementTermsTests {
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    static let formHeaders: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test func theOwnerEditsADraftsFlowsOnAPageAndEachSaveIsAVersion() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let draft = try await agreementID(app, titled: "Charity draft")
            var client = PageClient(app: app)
            _ = try await client.signIn("dee", "correct horse battery")
            let page = try await client.send(.GET, "/agreements/\(draft)/terms")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("flow-1-from") && page.body.string.contains("Add a flow"))
            let stored = try #require(try await AgreementRepository(database: sql).find(draft))

            // Widen flow 1 to the council, and add a second flow; the blank third is ignored.
            let body = Self.form([
                ("csrf", client.csrf ?? ""), ("version", "\(stored.version)"), ("flow-count", "3"),
                ("flow-1-from", "test-charity"), ("flow-1-to", "test-police"), ("flow-1-to", "test-council"),
                ("flow-1-categories", "identity"), ("flow-1-categories", "domestic-abuse"), ("flow-1-purposes", "risk-panels"),
                ("flow-1-art6", "public-task"), ("flow-1-art9", ""), ("flow-1-art10", "safeguarding-individuals-at-risk"),
                ("flow-1-statutes", "Domestic Abuse Act 2021\nCrime and Disorder Act 1998 s115"), ("flow-1-format", "meeting"),
                ("flow-2-new", "1"), ("flow-2-from", "test-police"), ("flow-2-to", "test-charity"), ("flow-2-categories", "identity"),
                ("flow-2-purposes", "risk-panels"), ("flow-2-art6", "public-task"), ("flow-2-art9", ""), ("flow-2-art10", ""),
                ("flow-2-format", "request-and-response"),
                ("flow-3-new", "1"), ("flow-3-from", "test-police"), ("flow-3-art6", "public-task"), ("flow-3-format", "meeting"),
                ("review-due", "2031-03-31"), ("reason", "MARAC referrals from the charity agreed at the board"),
            ])
            let saved = try await client.send(.POST, "/agreements/\(draft)/terms", headers: Self.formHeaders, body: body)
            #expect(saved.status == .seeOther)
            let revised = try #require(try await AgreementRepository(database: sql).find(draft))
            #expect(revised.version == stored.version + 1 && revised.agreement.status == .draft)
            #expect(revised.agreement.flows.count == 2)
            #expect(revised.agreement.flows[0].to == ["test-police", "test-council"])
            #expect(revised.agreement.flows[0].statutes == ["Domestic Abuse Act 2021", "Crime and Disorder Act 1998 s115"])
            #expect(revised.agreement.flows[1].format == .requestAndResponse)
            #expect(revised.agreement.reviewDue == CalendarDate(year: 2031, month: 3, day: 31))
            let history = try await AgreementRepository(database: sql).history(of: draft)
            #expect(history.contains { $0.change == "revise" && $0.reason == "MARAC referrals from the charity agreed at the board" })
        }
    }

    @Test func badFlowsAreNamedAndNothingIsSaved() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let draft = try await agreementID(app, titled: "Charity draft")
            let before = try #require(try await AgreementRepository(database: sql).find(draft))
            var client = PageClient(app: app)
            _ = try await client.signIn("dee", "correct horse battery")
            _ = try await client.send(.GET, "/agreements/\(draft)/terms")
            let body = Self.form([
                ("csrf", client.csrf ?? ""), ("version", "\(before.version)"), ("flow-count", "2"),
                ("flow-1-from", "test-charity"), ("flow-1-to", "test-charity"), ("flow-1-categories", "identity"),
                ("flow-1-purposes", "risk-panels"), ("flow-1-art6", "public-task"), ("flow-1-format", "meeting"),
                ("flow-2-new", "1"), ("flow-2-from", "test-police"), ("flow-2-categories", "crime"), ("flow-2-art6", "public-task"),
                ("flow-2-format", "meeting"), ("review-due", "2031-03-31"), ("reason", "trying it"),
            ])
            let refused = try await client.send(.POST, "/agreements/\(draft)/terms", headers: Self.formHeaders, body: body)
            #expect(refused.status == .unprocessableEntity)
            let text = refused.body.string
            #expect(text.contains("Flow 1: a partner does not share with itself"))
            #expect(text.contains("Flow 2: choose at least one partner it shares with") && text.contains("Flow 2: choose the purposes"))
            #expect(try await AgreementRepository(database: sql).find(draft)?.version == before.version)
        }
    }

    @Test func approvedTermsCannotBeEditedAndOthersCannotOpenTheEditor() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            try await addUser(app, "pat", partner: "test-police", roles: ["practitioner"])
            let approved = try await agreementID(app, titled: "Test ISP")
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            #expect(try await dpo.send(.GET, "/agreements/\(approved)/terms").body.string.contains("can no longer change"))
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/agreements/\(approved)/terms").status == .forbidden)
        }
    }
}
