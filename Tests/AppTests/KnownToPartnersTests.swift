@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// "Also known to partner X": shown with the person only to viewers the access decision
/// lets see them, with nothing of the partner's but its name, until the partner answers a
/// disclosure request; and the request and response themselves.
@Suite struct KnownToPartnersTests {
    /// A kind of caller and whether they may see Jane (and so that the refuge knows her).
    struct Viewer: Sendable, CustomTestStringConvertible {
        var username: String
        var partner: String
        var roles: [String]
        var seesJane: Bool
        var testDescription: String { "\(roles.joined(separator: "+"))@\(partner)" }
    }

    static let viewers: [Viewer] = [
        Viewer(username: "worker", partner: "test-council", roles: ["practitioner"], seesJane: true),
        Viewer(username: "stranger", partner: "test-council", roles: ["practitioner"], seesJane: false),
        Viewer(username: "analyst", partner: "test-council", roles: ["analyst"], seesJane: true),
        Viewer(username: "dpo", partner: "test-council", roles: ["dpo"], seesJane: false),
        Viewer(username: "officer", partner: "test-police", roles: ["practitioner"], seesJane: false),
        Viewer(username: "outsider", partner: "test-charity", roles: ["practitioner"], seesJane: false),
        Viewer(username: "refugedpo", partner: "test-refuge", roles: ["dpo"], seesJane: false),
        Viewer(username: "refugeadmin", partner: "test-refuge", roles: ["partner-admin"], seesJane: false),
    ]

    static func setUp(_ app: Application) async throws -> (jane: UUID, household: UUID?) {
        let world = try await KnownToPartnersFixture.world(app)
        _ = try await KnownToPartnersFixture.match(app)
        for viewer in viewers { try await addUser(app, viewer.username, partner: viewer.partner, roles: viewer.roles) }
        let sql = app.db as! any SQLDatabase
        let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
        try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: [world.jane], kind: "allocated-worker", at: Date())
        return world
    }

    @Test(arguments: viewers)
    func theKnownToFactShowsOnlyWithThePerson(_ viewer: Viewer) async throws {
        try await withApp(.sqlite, partnership: KnownToPartnersFixture.partnership) { app in
            let (jane, household) = try await Self.setUp(app)
            var client = PageClient(app: app)
            _ = try await client.signIn(viewer.username, "correct horse battery")
            var routes = ["/people/\(jane)", "/api/v1/people/\(jane)"]
            if let household { routes += ["/households/\(household)", "/api/v1/households/\(household)"] }
            for route in routes {
                let response = try await client.send(.GET, route)
                let body = response.body.string
                #expect(body.contains("Also known to Test Refuge (matched by encoded linkage; no details shared)") == viewer.seesJane,
                        "\(viewer.username) on \(route)")
                // Never the refuge's record, nor the other person it knows.
                #expect(!body.contains("R-1") && !body.contains("R-2") && !body.contains("Zofia"), "\(viewer.username) on \(route)")
                if route.hasPrefix("/people/") && viewer.seesJane {
                    #expect(body.contains("ask-test-refuge") == viewer.roles.contains("practitioner"), "only practitioners ask")
                }
            }
            #expect(household != nil, "Jane and Sam share an address at the police and are grouped")
        }
    }

    @Test func aPractitionerAsksTheRefugeDisclosesAndOnlyTheyReadIt() async throws {
        try await withApp(.sqlite, partnership: KnownToPartnersFixture.partnership) { app in
            let (jane, _) = try await Self.setUp(app)
            let sql = app.db as! any SQLDatabase
            let path = "/people/\(jane)/partner-disclosures"
            var worker = PageClient(app: app)
            _ = try await worker.signIn("worker", "correct horse battery")
            _ = try await worker.send(.GET, "/people/\(jane)")
            func ask(_ client: inout PageClient, partner: String = "test-refuge", purpose: String = "holistic-view",
                     reason: String) async throws -> TestingHTTPResponse {
                try await client.send(.POST, path, form: ["csrf": client.csrf ?? "", "partner": partner, "purpose": purpose, "reason": reason])
            }
            // Bad input: no reason, no purpose, a partner that knows nothing of her.
            let noReason = try await ask(&worker, reason: "  ")
            #expect(noReason.headers.first(name: .location)?.contains("problem=") == true)
            let noPurpose = try await ask(&worker, purpose: "evaluation", reason: "Safety planning for the family")
            #expect(noPurpose.headers.first(name: .location)?.contains("problem=") == true)
            let unknown = try await ask(&worker, partner: "test-police", reason: "Safety planning for the family")
            #expect(unknown.status == .forbidden && unknown.body.string.contains("partner-disclosure-partner-not-shown"))
            #expect(try await PartnerDisclosureRepository(database: sql).waiting(for: "test-refuge").isEmpty)

            // Refused: a role that does not ask, and a practitioner who may not see her.
            for (username, code) in [("analyst", "partner-disclosure-not-for-role"), ("stranger", "partner-disclosure-needs-sight")] {
                var client = PageClient(app: app)
                _ = try await client.signIn(username, "correct horse battery")
                _ = try await client.send(.GET, "/partner-disclosures")
                let refused = try await ask(&client, reason: "Safety planning for the family")
                #expect(refused.status == .forbidden, "\(username)")
                #expect(refused.body.string.contains(code), "\(username)")
            }

            let asked = try await ask(&worker, reason: "Safety planning for the family")
            #expect(asked.headers.first(name: .location) == "/partner-disclosures")
            let mine = try await worker.send(.GET, "/partner-disclosures").body.string
            #expect(mine.contains("pending") && mine.contains("Test Refuge"))
            let waitingPage = try await worker.send(.GET, "/people/\(jane)").body.string
            #expect(waitingPage.contains("no answer yet") && !waitingPage.contains("ask-test-refuge"), "no second request while one waits")
            let request = try #require(try await PartnerDisclosureRepository(database: sql).waiting(for: "test-refuge").first)

            // Another partner's administrator, and a DPO elsewhere, may not answer it.
            try await addUser(app, "councilAdmin", partner: "test-council", roles: ["partner-admin"])
            var councilAdmin = PageClient(app: app)
            _ = try await councilAdmin.signIn("councilAdmin", "correct horse battery")
            #expect(try await councilAdmin.send(.GET, "/partner-disclosures").body.string.contains("No disclosure requests are waiting"))
            let wrong = try await councilAdmin.send(.POST, "/partner-disclosures/\(request.id)/answer",
                                                    form: ["csrf": councilAdmin.csrf ?? "", "decision": "disclose",
                                                           "note": "nothing", "contact": "nobody"])
            #expect(wrong.status == .forbidden)

            // The refuge's DPO sees the request with its own record id, never her name.
            var refuge = PageClient(app: app)
            _ = try await refuge.signIn("refugedpo", "correct horse battery")
            let inbox = try await refuge.send(.GET, "/partner-disclosures").body.string
            #expect(inbox.contains("Worker") && inbox.contains("Safety planning for the family") && inbox.contains("R-1"))
            #expect(!inbox.contains("Jane") && !inbox.contains("1985"))
            let noContact = try await refuge.send(.POST, "/partner-disclosures/\(request.id)/answer",
                                                  form: ["csrf": refuge.csrf ?? "", "decision": "disclose", "note": "Outreach since May"])
            #expect(noContact.status == .unprocessableEntity)
            let disclosed = try await refuge.send(.POST, "/partner-disclosures/\(request.id)/answer",
                                                  form: ["csrf": refuge.csrf ?? "", "decision": "disclose",
                                                         "note": "Outreach support since May", "contact": "Duty worker 01632 960001"])
            #expect(disclosed.status == .seeOther)
            let twice = try await refuge.send(.POST, "/partner-disclosures/\(request.id)/answer",
                                              form: ["csrf": refuge.csrf ?? "", "decision": "decline", "reason": "changed our mind"])
            #expect(twice.status == .conflict)

            let after = try await worker.send(.GET, "/people/\(jane)").body.string
            #expect(after.contains("Outreach support since May") && after.contains("Duty worker 01632 960001"))
            let api = try await worker.send(.GET, "/api/v1/people/\(jane)").body.string
            #expect(api.contains("Outreach support since May"))
            // The analyst sees that the refuge knows her, but not the answer to someone else's request.
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("analyst", "correct horse battery")
            let analystPage = try await analyst.send(.GET, "/people/\(jane)").body.string
            #expect(analystPage.contains("Also known to Test Refuge") && !analystPage.contains("Outreach support"))

            // A second request, declined with a reason.
            _ = try await ask(&worker, purpose: "joining-caseloads", reason: "Joining up the family's support plan")
            let second = try #require(try await PartnerDisclosureRepository(database: sql).waiting(for: "test-refuge").first)
            _ = try await refuge.send(.GET, "/partner-disclosures")
            let noReason2 = try await refuge.send(.POST, "/partner-disclosures/\(second.id)/answer",
                                                  form: ["csrf": refuge.csrf ?? "", "decision": "decline"])
            #expect(noReason2.status == .unprocessableEntity)
            _ = try await refuge.send(.POST, "/partner-disclosures/\(second.id)/answer",
                                      form: ["csrf": refuge.csrf ?? "", "decision": "decline", "reason": "Already disclosed to your team"])
            #expect(try await worker.send(.GET, "/people/\(jane)").body.string.contains("declined to disclose: Already disclosed to your team"))

            let audited = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource LIKE 'partner-disclosure%'")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            #expect(audited >= 4, "each request and each answer are in the ledger")
        }
    }
}
