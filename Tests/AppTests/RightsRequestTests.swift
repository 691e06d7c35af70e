@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The DPO reads about a person only within that person's recorded rights
/// request, once the requester's identity is settled, and only until it closes.
@Suite struct RightsRequestTests {
    static func world(_ app: Application) async throws -> (jane: UUID, sam: UUID) {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
        let people = PeopleRepository(database: app.db as! any SQLDatabase)
        let jane = try #require(try await people.search(name: "doe jane").first).personID
        let sam = try #require(try await people.search(name: "doe sam").first).personID
        try await addUser(app, "dee", partner: "test-council", roles: ["dpo"])
        return (jane, sam)
    }

    @Test(arguments: TestStore.available)
    func theDPOReadsOnlyTheSubjectOfAnOpenVerifiedRequest(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let (jane, sam) = try await Self.world(app)
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            #expect(!(try await dpo.send(.GET, "/people/\(jane)").body.string.contains("Jane Doe")), "no request, nothing read")

            let found = try await dpo.send(.GET, "/rights-requests/new?name=Jane+Doe&born=14%2F03%2F1985&postcode=SS14+1DL")
            #expect(found.body.string.contains("1 person matches") && found.body.string.contains("The postcode agrees."))
            #expect(!found.body.string.contains("Mill Road") && !found.body.string.contains("Test Police"), "nothing held is shown")
            let recorded = try await dpo.send(.POST, "/rights-requests", form: [
                "csrf": dpo.csrf ?? "", "person": jane.uuidString, "kind-access": "on", "received": CalendarDate.today(at: Date()).description,
                "identity-asked": "on"])
            #expect(recorded.status == .seeOther)
            let request = try #require(try await RightsRequestRepository(database: app.db as! any SQLDatabase).all().first)
            #expect(request.regimes == [.dpa2018Part3], "the police hold her: law-enforcement processing")
            #expect(!(try await dpo.send(.GET, "/people/\(jane)").body.string.contains("Jane Doe")), "identity not yet settled")

            let list = try await dpo.send(.GET, "/rights-requests")
            #expect(list.body.string.contains("waiting for proof of identity"))
            _ = try await dpo.send(.POST, "/rights-requests/\(request.id)/verify",
                                   form: ["csrf": dpo.csrf ?? "", "note": "Passport seen at the council offices"])
            let page = try await dpo.send(.GET, "/people/\(jane)").body.string
            #expect(page.contains("Jane Doe"), "verified and open: the subject is read")
            #expect(!(try await dpo.send(.GET, "/people/\(sam)").body.string.contains("Sam Doe")), "only the subject")
            #expect(!(try await dpo.send(.GET, "/people?name=doe").body.string.contains("Sam Doe")))
            #expect(try await dpo.send(.GET, "/people?name=doe").body.string.contains("Jane Doe"))

            _ = try await dpo.send(.POST, "/rights-requests/\(request.id)/close",
                                   form: ["csrf": dpo.csrf ?? "", "note": "Copy sent with third parties redacted"])
            #expect(!(try await dpo.send(.GET, "/people/\(jane)").body.string.contains("Jane Doe")), "closed: nothing read")
            let steps = try await (app.db as! any SQLDatabase).select().column("resource").from("audit_entries")
                .where("resource", .like, "rights-request:%").orderBy("sequence").all().map { try $0.decode(column: "resource", as: String.self) }
            #expect(steps == ["rights-request:\(request.reference)", "rights-request:\(request.reference) verify",
                              "rights-request:\(request.reference) close"])
        }
    }

    /// Restriction hides a subject from every practitioner and the hub, keeps
    /// them readable for the request itself, and lifting it restores them.
    @Test(arguments: TestStore.available)
    func aRestrictionHidesTheSubjectFromEveryoneButTheRequest(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let (jane, sam) = try await Self.world(app)
            let sql = app.db as! any SQLDatabase
            try await addUser(app, "worker", partner: "test-council")
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
            try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: [jane, sam], kind: "allocated-worker", at: Date())
            let dee = try #require(try await UserRepository(database: sql).find(username: "dee"))
            let made = try await RightsRequestRepository(database: sql).record(
                person: jane, kinds: [.restriction], regimes: [.ukGDPR], received: CalendarDate.today(at: Date()),
                identityAskedFor: false, handler: dee.id, handlerName: "Dee", at: Date())
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            _ = try await dpo.send(.GET, "/rights-requests")
            #expect(try await dpo.send(.POST, "/rights-requests/\(made.id)/restrict", form: ["csrf": dpo.csrf ?? ""]).status == .seeOther)

            for username in ["worker", "ana"] {
                var client = PageClient(app: app)
                _ = try await client.signIn(username, "correct horse battery")
                for path in ["/people/\(jane)", "/api/v1/people/\(jane)", "/people?name=doe"] {
                    #expect(!(try await client.send(.GET, path).body.string.contains("Jane Doe")), "\(username) on \(path) during the restriction")
                }
                #expect(try await client.send(.GET, "/people/\(sam)").body.string.contains("Sam Doe"), "others are untouched")
            }
            #expect(try await dpo.send(.GET, "/people/\(jane)").body.string.contains("Jane Doe"), "the request itself still reads her")

            _ = try await dpo.send(.POST, "/rights-requests/\(made.id)/lift-restriction",
                                   form: ["csrf": dpo.csrf ?? "", "note": "Accuracy confirmed with the requester"])
            var client = PageClient(app: app)
            _ = try await client.signIn("worker", "correct horse battery")
            #expect(try await client.send(.GET, "/people/\(jane)").body.string.contains("Jane Doe"), "lifted: the worker reads her again")
        }
    }

    /// The pack: everything held after redaction of other people, who has
    /// seen it by partner, role and purpose, sources and rights; refused until
    /// identity is settled; producing it is audited.
    @Test(arguments: TestStore.available)
    func theDisclosurePackWithholdsOtherPeopleAndSaysWhoHasSeenIt(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let (jane, _) = try await Self.world(app)
            let sql = app.db as! any SQLDatabase
            let events = "record_id,person_record_id,category,role,occurred_on,summary\nE-1,P-1,domestic-abuse,victim,2025-01-02,Sam called the police after the argument\n"
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
                .run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "e.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let person = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "worker", partner: "test-council")
            let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
            try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: [person], kind: "allocated-worker", at: Date())
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("worker", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/people/\(person)").body.string.contains("Jane Doe"))

            let dee = try #require(try await UserRepository(database: sql).find(username: "dee"))
            let made = try await RightsRequestRepository(database: sql).record(
                person: person, kinds: [.access], regimes: [.dpa2018Part3], received: CalendarDate.today(at: Date()),
                identityAskedFor: true, handler: dee.id, handlerName: "Dee", at: Date())
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            #expect(try await dpo.send(.GET, "/rights-requests/\(made.id)/pack").status == .forbidden, "no pack before identity is settled")
            _ = try await dpo.send(.GET, "/rights-requests")
            _ = try await dpo.send(.POST, "/rights-requests/\(made.id)/verify", form: ["csrf": dpo.csrf ?? "", "note": "Driving licence seen"])

            let pack = try await dpo.send(.GET, "/rights-requests/\(made.id)/pack").body.string
            #expect(pack.contains("Information held about Jane Doe") && pack.contains("P-1"))
            #expect(pack.contains("called the police after the argument") && !pack.contains("Sam called"), "Sam is a third party")
            #expect(pack.contains("third party, DPA 2018 Sch 2 para 16"))
            #expect(pack.contains("practitioner") && pack.contains("holistic-view"), "the practitioner's reading is disclosed by role and purpose")
            #expect(!pack.contains("Worker"), "never the individual's name")
            #expect(!pack.contains("/css/") && !pack.contains("<script"), "self-contained")
            struct JSONPack: Decodable { var subject: String; var redactions: Int; var disclosures: [Disclosure]; struct Disclosure: Decodable { var role: String } }
            let json = try await dpo.send(.GET, "/rights-requests/\(made.id)/pack.json").content.decode(JSONPack.self)
            #expect(json.subject == "Jane Doe" && json.redactions == 1 && json.disclosures.contains { $0.role == "practitioner" })
            let exports = try await sql.select().column("decision").from("audit_entries").where("action", .equal, "export").orderBy("sequence").all()
                .map { try $0.decode(column: "decision", as: String.self) }
            #expect(exports == ["deny", "permit", "permit"])
            _ = jane
        }
    }

    @Test(arguments: TestStore.available)
    func anExtensionAfterTheFirstDueDateIsRefusedAndChangesNothing(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let (jane, _) = try await Self.world(app)
            let repository = RightsRequestRepository(database: app.db as! any SQLDatabase)
            let dee = try #require(try await UserRepository(database: app.db as! any SQLDatabase).find(username: "dee"))
            let made = try await repository.record(person: jane, kinds: [.access], regimes: [.ukGDPR],
                                                   received: CalendarDate.today(at: Date()).adding(days: -45), identityAskedFor: false,
                                                   handler: dee.id, handlerName: "Dee", at: Date())
            var dpo = PageClient(app: app)
            _ = try await dpo.signIn("dee", "correct horse battery")
            _ = try await dpo.send(.GET, "/rights-requests")
            #expect(try await dpo.send(.GET, "/rights-requests").body.string.contains("Overdue by"))
            let refused = try await dpo.send(.POST, "/rights-requests/\(made.id)/extend",
                                             form: ["csrf": dpo.csrf ?? "", "note": "Six partners hold records"])
            #expect(refused.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await repository.find(made.id)?.clock.extendedOn == nil)
            let denied = try await (app.db as! any SQLDatabase).select().column("reason").from("audit_entries")
                .where("resource", .equal, "rights-request:\(made.reference) extend").where("decision", .equal, "deny").all()
            #expect(denied.count == 1)
        }
    }

    @Test(arguments: ["practitioner", "analyst", "panel-chair", "partner-admin", "admin"])
    func onlyTheDPOKeepsRightsRequests(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            let (jane, _) = try await Self.world(app)
            try await addUser(app, "user", partner: "test-council", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            _ = try await client.send(.GET, "/access-requests")
            for (method, path) in [(HTTPMethod.GET, "/rights-requests"), (.GET, "/rights-requests/new?name=Jane+Doe&born=14%2F03%2F1985"),
                                   (.POST, "/rights-requests")] {
                let response = try await client.send(method, path, form: method == .POST
                    ? ["csrf": client.csrf ?? "", "person": jane.uuidString, "kind-access": "on", "received": "2026-01-01"] : nil)
                #expect(response.status == .forbidden, "\(role) on \(method) \(path)")
            }
            #expect(try await RightsRequestRepository(database: app.db as! any SQLDatabase).all().isEmpty)
        }
    }
}
