@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Who may change what partners hold: loading extracts, answering access
/// requests and declaring break-glass, each over every role and partner,
/// with every refusal in the audit ledger.
@Suite struct ChangingDataTests {
    struct Loader: Sendable, CustomTestStringConvertible {
        var roles: [String]
        var partner: String
        /// The partners whose extracts this account may load.
        var loads: Set<String>
        var testDescription: String { "\(roles.joined(separator: "+"))@\(partner)" }
    }

    static let partners = ["test-police", "test-council", "test-charity"]

    static let loaders: [Loader] = [
        Loader(roles: ["partner-admin"], partner: "test-police", loads: ["test-police"]),
        // The charity's only agreement is a draft: nothing may be loaded from it yet, even by its own administrator.
        Loader(roles: ["partner-admin"], partner: "test-charity", loads: []),
        // The hub loads the police's extracts: the police send them to the council's hub as central controller.
        Loader(roles: ["analyst"], partner: "test-council", loads: ["test-police"]),
        Loader(roles: ["analyst"], partner: "test-charity", loads: []),
        Loader(roles: ["practitioner"], partner: "test-police", loads: []),
        Loader(roles: ["panel-chair"], partner: "test-council", loads: []),
        Loader(roles: ["dpo"], partner: "test-council", loads: []),
        Loader(roles: ["admin"], partner: "test-council", loads: []),
        Loader(roles: ["practitioner", "partner-admin"], partner: "test-council", loads: ["test-council"]),
    ]

    @Test(arguments: loaders)
    func onlyThoseWhoLoadAPartnersExtractsMayImportThem(_ loader: Loader) async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "loader", partner: loader.partner, roles: loader.roles)
            var client = PageClient(app: app)
            _ = try await client.signIn("loader", "correct horse battery")
            _ = try await client.send(.GET, "/people")
            let sql = app.db as! any SQLDatabase
            for partner in Self.partners {
                var headers: HTTPHeaders = ["Content-Type": "text/csv"]
                headers.add(name: "X-CSRF-Token", value: client.csrf ?? "")
                let response = try await client.send(.POST, "/api/v1/imports?partner=\(partner)&kind=people", headers: headers,
                                                     body: ImportTests.people)
                let allowed = loader.loads.contains(partner)
                #expect(response.status == (allowed ? .ok : .forbidden), "\(loader) loading \(partner): \(response.status.code)")
                let held = try await sql.select().column("record_id").from("source_records").where("partner_slug", .equal, partner).all()
                #expect(held.isEmpty != allowed, "\(loader) loading \(partner) wrote \(held.count) records")
                let refusals = try await sql.select().column("reason").from("audit_entries")
                    .where("action", .equal, "import").where("decision", .equal, "deny")
                    .where("subject", .equal, "partner:\(partner)").all()
                #expect(refusals.count == (allowed ? 0 : 1), "\(loader) loading \(partner): the refusal is audited once")
            }
        }
    }

    @Test func aFeedTokenLoadsOnlyItsOwnPartnersExtractsAndARefusalIsAudited() async throws {
        try await withApp(.sqlite) { app in
            let token = APIToken.make()
            let sql = app.db as! any SQLDatabase
            _ = try await AccountSecurityRepository(database: sql).addToken(
                name: "Police nightly", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(token), at: Date())
            var client = PageClient(app: app)
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.bearerAuthorization = BearerAuthorization(token: token)
            for partner in Self.partners {
                let response = try await client.send(.POST, "/api/v1/imports?partner=\(partner)&kind=people", headers: headers,
                                                     body: ImportTests.people)
                #expect(response.status == (partner == "test-police" ? .ok : .forbidden), "token loading \(partner)")
            }
            let refusals = try await sql.select().column("subject").from("audit_entries")
                .where("action", .equal, "import").where("decision", .equal, "deny").all()
                .map { try $0.decode(column: "subject", as: String.self) }
            #expect(Set(refusals) == ["partner:test-council", "partner:test-charity"])
        }
    }

    /// Jane is held by the police; each account asks or answers as its roles and partner allow.
    @Test func nobodyAnswersTheirOwnRequestNorOneFromTheirOwnPartner() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            // Both a practitioner and the council's partner administrator; a colleague administers the council too.
            try await addUser(app, "both", partner: "test-council", roles: ["practitioner", "partner-admin"])
            try await addUser(app, "colleague", partner: "test-council", roles: ["partner-admin"])
            try await addUser(app, "holder", partner: "test-police", roles: ["partner-admin"])
            let repository = AccessRequestRepository(database: sql)
            // A request as an older Lantern could have routed it: to the requester's own partner as well.
            let both = try #require(try await UserRepository(database: sql).find(username: "both"))
            _ = try await repository.request(requester: both.id, name: "Both", partner: "test-council", person: jane,
                                             holders: ["test-council", "test-police"], reason: "Worried about the children", at: Date())
            let made = try await repository.made(by: both.id)
            for (username, holder, expected) in [("both", "test-council", HTTPStatus.forbidden),
                                                 ("colleague", "test-council", .forbidden),
                                                 ("holder", "test-police", .seeOther)] {
                let request = try #require(made.first { $0.holder == holder })
                var client = PageClient(app: app)
                _ = try await client.signIn(username, "correct horse battery")
                let page = try await client.send(.GET, "/access-requests")
                #expect(page.body.string.contains("/access-requests/\(request.id)/answer") == (expected == .seeOther),
                        "\(username) is offered only requests they may answer")
                let answer = try await client.send(.POST, "/access-requests/\(request.id)/answer",
                                                   form: ["decision": "grant", "answer": "Yes, for the assessment", "csrf": client.csrf ?? ""])
                #expect(answer.status == expected, "\(username) answering a request to \(holder)")
            }
            let granted = try await repository.made(by: both.id).filter { $0.status == .granted }.map(\.holder)
            #expect(granted == ["test-police"])
            let refusals = try await sql.select().column("reason").from("audit_entries")
                .where("resource", .equal, "answer").where("decision", .equal, "deny").all()
            #expect(refusals.count == 2)
        }
    }

    @Test(arguments: ["analyst", "dpo", "partner-admin", "admin", "practitioner"])
    func breakGlassByARoleThatMayNotUseItIsRecordedAsRefused(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "user", partner: "test-council", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            _ = try await client.send(.GET, "/access-requests")
            let response = try await client.send(.POST, "/people/\(jane)/break-glass",
                                                 form: ["reason": "Child missing overnight, at risk", "csrf": client.csrf ?? ""])
            let decisions = try await sql.select().column("decision").from("audit_entries")
                .where("action", .equal, "break_glass").all().map { try $0.decode(column: "decision", as: String.self) }
            if role == "practitioner" {
                #expect(response.status == .seeOther)
                #expect(decisions == ["permit"])
            } else {
                #expect(response.status == .forbidden)
                #expect(decisions == ["deny"], "\(role)'s break-glass is in the ledger as refused")
                let page = try await client.send(.GET, "/people/\(jane)")
                #expect(!page.body.string.contains("break-glass-active"), "no emergency access is in force")
            }
        }
    }
}
