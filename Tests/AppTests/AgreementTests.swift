import App
import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A person calling the JSON API with their session, as a script in the
/// browser does: signed in once (HTTP Basic is refused on the API), sending
/// the anti-forgery token as the `X-CSRF-Token` header with every change.
struct APICaller {
    let app: Application
    let username: String

    /// The signed-in session, shared by copies of this caller; made on first use.
    final class Session { var client: PageClient?; init() {} }
    let session = Session()

    init(app: Application, username: String) {
        self.app = app
        self.username = username
    }

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var client = session.client ?? PageClient(app: app)
        if session.client == nil {
            let signedIn = try await client.signIn(username, "correct horse battery")
            try #require(signedIn.status == .seeOther, "\(username) could not sign in")
        }
        var headers = HTTPHeaders()
        if json != nil { headers.contentType = .json }
        let response = try await client.send(method, path, headers: headers, body: json)
        session.client = client
        return response
    }

    /// Asks for a status change and answers the response.
    func change(_ id: UUID, _ change: String, reason: String = "board minutes item 4", extra: String = "") async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/v1/agreements/\(id)/changes",
                       json: #"{"change":"\#(change)","reason":"\#(reason)"\#(extra)}"#)
    }
}

struct AgreementJSON: Decodable {
    struct Summary: Decodable { var id: UUID; var status: String; var version: Int; var sharingEnds: String? }
    struct Version: Decodable { var version: Int; var change: String; var changedBy: String; var reason: String }
    struct Return: Decodable { var recipient: String; var sourceRecords: Int; var events: Int }
    var summary: Summary
    var approvedBy: String?
    var approvedOn: String?
    var history: [Version]
    var returns: [Return]
}

struct Refusal: Decodable { var error: String; var code: String }

func agreementID(_ app: Application, titled title: String) async throws -> UUID {
    try #require(try await AgreementRepository(database: app.db as! any SQLDatabase).all().first { $0.agreement.title == title }).id
}

@Suite struct AgreementTests {
    @Test(arguments: TestStore.available)
    func aDPOTakesADraftThroughItsLifeAndEveryVersionIsKept(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let dpo = APICaller(app: app, username: "dee")
            let id = try await agreementID(app, titled: "Charity draft")
            // act
            for change in ["submit", "approve", "suspend", "reinstate"] {
                #expect(try await dpo.change(id, change).status == .ok, "\(change)")
            }
            // validate
            let detail = try await dpo.send(.GET, "/api/v1/agreements/\(id)").content.decode(AgreementJSON.self)
            #expect(detail.summary.status == "approved")
            #expect(detail.summary.version == 5)
            #expect(detail.approvedBy == "Dee (test-council)")
            #expect(detail.approvedOn != nil)
            #expect(detail.history.map(\.change) == ["reinstate", "suspend", "approve", "submit", "loaded"])
            let dee = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "dee"))
            #expect(detail.history.dropLast().allSatisfy { $0.changedBy == dee.id.uuidString && $0.reason == "board minutes item 4" })
            let writes = try await AuditQueryRepository(database: app.db as! any SQLDatabase).about(subject: "agreement:\(id)")
            #expect(writes.count == 4 && writes.allSatisfy { $0.action == "write" && $0.decision == "permit" })
            let report = try await AuditRepository(database: app.db as! any SQLDatabase).verify(verifier: app.auditTrail.signer.verifier)
            #expect(report.isIntact)
        }
    }

    @Test func refusedChangesSayWhatToDoAndChangeNothing() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let dpo = APICaller(app: app, username: "dee")
            let id = try await agreementID(app, titled: "Charity draft")
            let skipped = try await dpo.change(id, "approve")
            #expect(skipped.status == .unprocessableEntity)
            let refusal = try skipped.content.decode(Refusal.self)
            #expect(refusal.code == "transition-not-allowed")
            #expect(refusal.error.contains("submit it for approval first"))
            let unexplained = try await dpo.change(id, "submit", reason: "")
            #expect(try unexplained.content.decode(Refusal.self).code == "reason-missing")
            let stale = try await dpo.change(id, "submit", extra: #","version":7"#)
            #expect(stale.status == .conflict)
            #expect(try stale.content.decode(Refusal.self).error.contains("reload"))
            let detail = try await dpo.send(.GET, "/api/v1/agreements/\(id)").content.decode(AgreementJSON.self)
            #expect(detail.summary.status == "draft" && detail.summary.version == 1)
            let denials = try await AuditQueryRepository(database: app.db as! any SQLDatabase).about(subject: "agreement:\(id)")
            #expect(denials.filter { $0.decision == "deny" }.count == 2)
        }
    }

    @Test func onlyThoseWhoManageAgreementsMayChangeThem() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat", roles: ["practitioner"])
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let id = try await agreementID(app, titled: "Test ISP")
            let practitioner = APICaller(app: app, username: "pat")
            #expect(try await practitioner.send(.GET, "/api/v1/agreements").status == .ok)
            let refused = try await practitioner.change(id, "suspend")
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("data protection officer"))
            #expect(try await APICaller(app: app, username: "dee").change(id, "suspend").status == .ok)
            // Through the page: the form is shown only to the DPO and posts back with the token.
            var page = PageClient(app: app)
            _ = try await page.signIn("pat", "correct horse battery")
            let view = try await page.send(.GET, "/agreements/\(id)")
            #expect(view.status == .ok && !view.body.string.contains("change-form"))
            let forged = try await page.send(.POST, "/agreements/\(id)/changes",
                                             form: ["change": "reinstate", "reason": "trying it on", "csrf": page.csrf ?? ""])
            #expect(forged.status == .forbidden)
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            #expect(try await dpo.send(.GET, "/agreements/\(id)").body.string.contains("change-form"))
            let done = try await dpo.send(.POST, "/agreements/\(id)/changes",
                                          form: ["change": "reinstate", "reason": "board lifted it", "version": "2", "csrf": dpo.csrf ?? ""])
            #expect(done.status == .seeOther)
            let after = try await dpo.send(.GET, try #require(done.headers.first(name: .location)))
            #expect(after.body.string.contains("Agreement changed: now approved."))
            let list = try await dpo.send(.GET, "/agreements")
            #expect(list.status == .ok && list.body.string.contains("Test ISP"))
        }
    }

    @Test(arguments: TestStore.available)
    func withdrawalStopsImportsFromTheEffectiveDateAndListsWhatToReturn(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let dpo = APICaller(app: app, username: "dee")
            let id = try await agreementID(app, titled: "Test ISP")
            func importPeople(at instant: Date) async throws -> ImportSummary {
                try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                        clock: { instant })
                    .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            }
            _ = try await importPeople(at: Date())
            // act: notice well beyond four weeks, so the test does not depend on the hour it runs.
            let effective = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400) + 40)
            let short = try await dpo.change(id, "withdraw", extra: #","partner":"test-police","effectiveOn":"\#(CalendarDate(dayNumber: effective.dayNumber - 20))""#)
            #expect(try short.content.decode(Refusal.self).code == "notice-too-short")
            let response = try await dpo.change(id, "withdraw", extra: #","partner":"test-police","effectiveOn":"\#(effective)""#)
            // validate
            #expect(response.status == .ok)
            let detail = try response.content.decode(AgreementJSON.self)
            #expect(detail.summary.status == "withdrawn" && detail.summary.sharingEnds == effective.description)
            #expect(detail.returns.map(\.recipient) == ["test-council"])
            #expect(detail.returns.first?.sourceRecords == 3)
            let dayBefore = Date(timeIntervalSince1970: Double(effective.dayNumber - 1) * 86_400 + 3600)
            #expect(try await importPeople(at: dayBefore).rejected == 0, "still in force during the notice")
            let onTheDay = Date(timeIntervalSince1970: Double(effective.dayNumber) * 86_400 + 3600)
            await #expect(throws: ImportFailure.self) { try await importPeople(at: onTheDay) }
            let final = try await dpo.change(id, "reinstate")
            #expect(try final.content.decode(Refusal.self).error.contains("final"))
        }
    }
}
