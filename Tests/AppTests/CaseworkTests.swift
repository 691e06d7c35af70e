import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The whole-family view and case finding, as a practitioner and an analyst use them.
@Suite struct CaseworkTests {
    static func daysAgo(_ days: Int) -> String {
        CalendarDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400) - days).description
    }

    /// Jane (adult) and Sam (a child) at 12 Mill Road: a DA incident and two
    /// missing episodes recently; no lead professional.
    func family(_ app: Application) async throws -> (household: UUID, jane: UUID) {
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
        _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
        let events = """
            record_id,person_record_id,category,role,occurred_on,summary
            E-1,P-1,domestic-abuse,victim,\(Self.daysAgo(12)),Incident at home
            E-2,P-2,asb,subject,\(Self.daysAgo(40)),Missing from home overnight
            E-3,P-2,violence,witness,\(Self.daysAgo(700)),Witness to assault in the street
            """
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "e.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let sql = app.db as! any SQLDatabase
        let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
        let household = try #require(try await CaseworkRepository(database: sql).household(of: jane))
        return (household, jane)
    }

    @Test func anAnalystSeesTheWholeFamilyWithNeedsAndReasons() async throws {
        try await withApp(.sqlite) { app in
            let (household, _) = try await family(app)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            let page = try await client.send(.GET, "/households/\(household)")
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("Jane Doe") && body.contains("Sam Doe"))
            #expect(body.contains("Safe from domestic abuse") || body.contains("safe from domestic abuse"))
            #expect(body.contains("<svg"))
            #expect(body.contains("Incident at home"))
            // Newest first.
            let incident = try #require(body.range(of: "Incident at home"))
            let witness = try #require(body.range(of: "Witness to assault"))
            #expect(incident.lowerBound < witness.lowerBound)
            let filtered = try await client.send(.GET, "/households/\(household)?category=asb")
            #expect(filtered.body.string.contains("Missing from home overnight"))
            #expect(!filtered.body.string.contains("Incident at home"))
            #expect(page.headers.first(name: "X-Lantern-Access") != nil)
        }
    }

    @Test func aPractitionerWithoutARelationshipSeesOnlyThatTheFamilyIsKnown() async throws {
        try await withApp(.sqlite) { app in
            let (household, _) = try await family(app)
            try await addUser(app, "pat", partner: "test-council")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let body = try await client.send(.GET, "/households/\(household)").body.string
            #expect(!body.contains("Jane Doe"))
            #expect(!body.contains("Incident at home"))
            #expect(body.contains("Known to 1 partner"))
        }
    }

    @Test func theCaseFindingListRanksAndAPersonDecidesWithAReason() async throws {
        try await withApp(.sqlite) { app in
            let (household, _) = try await family(app)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            try await addUser(app, "pat", partner: "test-council")
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/case-finding").status == .forbidden)

            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            let list = try await analyst.send(.GET, "/case-finding")
            #expect(list.body.string.contains("/households/\(household)"))
            #expect(list.body.string.contains("safe from domestic abuse +3"))
            let noReason = try await analyst.send(.POST, "/case-finding/\(household)/decision",
                                                  form: ["outcome": "refer-to-early-help", "reason": "", "csrf": analyst.csrf ?? ""])
            #expect(noReason.headers.first(name: .location)?.contains("error=") == true)
            let done = try await analyst.send(.POST, "/case-finding/\(household)/decision",
                                              form: ["outcome": "refer-to-early-help", "reason": "DA and a child at home", "csrf": analyst.csrf ?? ""])
            #expect(done.headers.first(name: .location) == "/case-finding?done=1")
            let after = try await analyst.send(.GET, "/case-finding")
            #expect(after.body.string.contains("DA and a child at home"))
            let rules = try await analyst.send(.GET, "/case-finding/rules")
            #expect(rules.body.string.contains("children-safe.missing"))
        }
    }
}
