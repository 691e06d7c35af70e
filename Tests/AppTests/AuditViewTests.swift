import App
import Foundation
import Ledger
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

@Suite struct AuditViewTests {
    struct ReportJSON: Decodable {
        struct Line: Decodable { var actor: String; var actorName: String?; var action: String; var subject: String; var resource: String }
        struct Flagged: Decodable { var actor: String; var people: Int; var refused: Int }
        var lines: [Line]
        var outsideCaseload: [Flagged]
    }

    /// 15 June 2025, noon UTC: entries are written at a fixed instant, so the period is fixed too.
    static let instant = Date(timeIntervalSince1970: 1_749_988_800)

    func record(_ app: Application, actor: UUID, action: AuditAction, person: UUID, decision: AuditDecision) async throws {
        try await app.auditTrail.record([AuditRecord(
            actor: actor.uuidString, partner: "test-police", purpose: "holistic-view", action: action,
            subject: "person:\(person.uuidString)", resource: "person-page", decision: decision,
            reason: action == .breakGlass ? "BREAK-GLASS: child missing overnight" : "test")],
            on: app.db as! any SQLDatabase, at: Self.instant)
    }

    @Test(arguments: TestStore.available)
    func theDPOSeesWhoAccessedAPersonAndTheReadingIsAudited(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: a practitioner opens a person's page through the real route
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let sql = app.db as! any SQLDatabase
            let person = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "pat")
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            var pat = PageClient(app: app)
            _ = try await pat.signIn("pat", "correct horse battery")
            #expect(try await pat.send(.GET, "/people/\(person)").status == .ok)
            let patID = try #require(try await UserRepository(database: sql).find(username: "pat")).id
            // act
            let dpo = APICaller(app: app, username: "dee")
            let first = try await dpo.send(.GET, "/api/v1/audit/people/\(person)")
            let second = try await dpo.send(.GET, "/api/v1/audit/people/\(person)").content.decode(ReportJSON.self)
            // validate
            #expect(first.status == .ok)
            let opened = try #require(try first.content.decode(ReportJSON.self).lines.first)
            #expect(opened.actor == patID.uuidString && opened.actorName == "Pat (pat)" && opened.action == "access_decision")
            #expect(second.lines.first?.resource.hasPrefix("audit-view:who-accessed") == true, "the first reading is on the record")
            let byPat = try await dpo.send(.GET, "/api/v1/audit/users/\(patID)").content.decode(ReportJSON.self)
            #expect(byPat.lines.contains { $0.subject == "person:\(person)" })
            var page = PageClient(app: app)
            _ = try await page.signIn("dee", "correct horse battery")
            let html = try await page.send(.GET, "/audit/people/\(person)")
            #expect(html.status == .ok && html.body.string.contains("Who accessed this person"))
            #expect(html.body.string.contains("Pat (pat)"))
            #expect(try await AuditRepository(database: sql).verify(verifier: app.auditTrail.signer.verifier).isIntact)
        }
    }

    @Test func unusualAccessFlagsBreakGlassAndOpeningManyPeopleOutsideACaseload() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "pat")
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let pat = try #require(try await UserRepository(database: sql).find(username: "pat")).id
            let people = (0..<4).map { _ in UUID() }
            try await CaseRelationshipRepository(database: sql).add(user: pat, people: [people[0]], kind: "allocated-worker", at: Self.instant)
            try await record(app, actor: pat, action: .accessDecision, person: people[0], decision: .permit)
            try await record(app, actor: pat, action: .accessDecision, person: people[1], decision: .deny)
            try await record(app, actor: pat, action: .accessDecision, person: people[2], decision: .permit)
            try await record(app, actor: pat, action: .accessDecision, person: people[2], decision: .deny)
            try await record(app, actor: pat, action: .breakGlass, person: people[3], decision: .permit)
            let dpo = APICaller(app: app, username: "dee")
            // act
            let june = try await dpo.send(.GET, "/api/v1/audit/unusual?from=2025-06-01&to=2025-06-30&threshold=2")
                .content.decode(ReportJSON.self)
            let higher = try await dpo.send(.GET, "/api/v1/audit/unusual?from=2025-06-01&to=2025-06-30&threshold=3")
                .content.decode(ReportJSON.self)
            let july = try await dpo.send(.GET, "/api/v1/audit/unusual?from=2025-07-01&to=2025-07-31&threshold=1")
                .content.decode(ReportJSON.self)
            // validate: the allocated person does not count; a person refused every time does
            #expect(june.outsideCaseload.map(\.actor) == [pat.uuidString])
            #expect(june.outsideCaseload.first?.people == 2 && june.outsideCaseload.first?.refused == 1)
            #expect(june.lines.map(\.subject) == ["person:\(people[3])"])
            #expect(higher.outsideCaseload.isEmpty)
            #expect(july.outsideCaseload.isEmpty && july.lines.isEmpty)
        }
    }

    @Test func onlyTheDPOReadsTheAuditAndRefusalsAreRecorded() async throws {
        try await withApp(.sqlite) { app in
            try await addUser(app, "pat")
            try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
            let person = UUID()
            let practitioner = APICaller(app: app, username: "pat")
            for path in ["/api/v1/audit/people/\(person)", "/api/v1/audit/users/\(person)", "/api/v1/audit/unusual"] {
                let refused = try await practitioner.send(.GET, path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.body.string.contains("Ask the DPO"))
            }
            var page = PageClient(app: app)
            _ = try await page.signIn("pat", "correct horse battery")
            #expect(try await page.send(.GET, "/audit/unusual").status == .forbidden)
            let denials = try await AuditQueryRepository(database: app.db as! any SQLDatabase).about(subject: "person:\(person)")
            #expect(denials.count == 1 && denials.first?.decision == "deny" && denials.first?.resource == "capability:read-audit")
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            #expect(try await dpo.send(.GET, "/audit/unusual").status == .ok)
            #expect(try await dpo.send(.GET, "/audit/users/\(person)").status == .ok)
        }
    }
}
