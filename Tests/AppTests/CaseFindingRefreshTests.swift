@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The case-finding list and the household page follow the store: after an
/// import only the households it touched are re-read; after linkage moves
/// records the page and the list show the new picture.
@Suite struct CaseFindingRefreshTests {
    static let today = CalendarDate.today(at: Date())

    func events(_ rows: String) throws -> ExtractSource {
        try .data(Data(("record_id,person_record_id,category,role,occurred_on,summary\n" + rows).utf8), name: "e.csv", contentType: nil)
    }

    @Test(arguments: TestStore.available)
    func anImportUpdatesOnlyTheHouseholdsItTouchedAndMatchesARecompute(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let before = try await app.casework.caseFindingList(sql, today: Self.today)
            #expect(await app.casework.lastRefresh?.incremental == false)
            #expect(before.ranked().isEmpty)

            // Two recent incidents for the Does: their household alone is re-read.
            _ = try await service.run(partner: "test-police", kind: .events, source: try events("""
                E-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(12)),Incident at home
                E-2,P-2,asb,subject,\(CaseworkTests.daysAgo(40)),Missing from home overnight
                E-3,P-2,violence,witness,\(CaseworkTests.daysAgo(700)),Witness to assault in the street
                """))
            let after = try await app.casework.caseFindingList(sql, today: Self.today)
            let refresh = try #require(await app.casework.lastRefresh)
            #expect(refresh.incremental && refresh.households == 1)
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            let household = try #require(try await CaseworkRepository(database: sql).household(of: jane))
            #expect(after.ranked().map(\.householdID) == [household.uuidString])

            // The incremental list is the list a recompute gives.
            let recomputed = CaseFindingList(caseFinding: try CaseFinding(.standard),
                                             households: try await CaseworkService.facts(sql, households: nil), on: Self.today)
            #expect(after.ranked() == recomputed.ranked())

            // Asked again with nothing new, the same list comes back without reading.
            _ = try await app.casework.caseFindingList(sql, today: Self.today)
            #expect(await app.casework.lastRefresh?.households == 1)

            // A linkage run regroups households: the next refresh recomputes.
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let relinked = try await app.casework.caseFindingList(sql, today: Self.today)
            #expect(await app.casework.lastRefresh?.incremental == false)
            #expect(relinked.ranked() == recomputed.ranked())
        }
    }

    @Test func theHouseholdPageShowsAnEventImportedAfterItWasFirstViewed() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            let household = try #require(try await CaseworkRepository(database: sql).household(of: jane))
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            #expect(!(try await client.send(.GET, "/households/\(household)").body.string.contains("Noise late at night")))
            _ = try await service.run(partner: "test-police", kind: .events, source: try events("""
                E-7,P-1,asb,subject,\(CaseworkTests.daysAgo(3)),Noise late at night
                """))
            #expect(try await client.send(.GET, "/households/\(household)").body.string.contains("Noise late at night"))
        }
    }
}
