@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The case-finding report's counts of listed households and needs follow
/// the case-finding list through the store change log, and the decisions are
/// read fresh and laid over them: after imports, linkage, a decision and a
/// disposal, the report drawn from the followed counts is the report drawn
/// from a fresh ranking of every household.
@Suite struct ReportCaseFindingFollowTests {
    static let today = CalendarDate.today(at: Date())

    /// The report as requests draw it (followed counts) against the report drawn from the list ranked afresh.
    static func expectSame(_ app: Application, listed expected: Int, decided: Int, _ step: String) async throws {
        let sql = app.db as! any SQLDatabase
        let month = ReportsController.thisMonth
        let maker = try await BoardReportMaker.make(for: .caseFinding, app: app, sql: sql, database: app.db,
                                                    actor: "test", partner: "", thisMonth: month)
        let ranked = CaseFindingList(caseFinding: try CaseFinding(.standard),
                                     households: try await CaseworkService.facts(sql, households: nil, forCaseFinding: true), on: today).ranked()
        let decisions = Dictionary(uniqueKeysWithValues: try await CaseworkRepository(database: sql).latestDecisions().map { ($0.key.uuidString, $0.value.outcome) })
        #expect(ranked.count == expected, "\(step): households on the list")
        #expect(ranked.filter { decisions[$0.householdID] != nil }.count == decided, "\(step): listed households decided")
        #expect(maker.caseFindingTally.listed == Set(ranked.map(\.householdID)), "\(step)")

        let queries = [ReportQuery(), ReportQuery(area: maker.snapshot.atoms.districts.first)]
        for query in queries {
            let request = try ReportRequest(query, atoms: maker.snapshot.atoms, thisMonth: month)
            var tables = BoardTables(request: request, facts: maker.facts, places: maker.snapshot.atoms, thisMonth: month)
            tables.caseFindingTally = maker.caseFindingTally
            tables.decisions = maker.decisions
            let followed = tables.caseFinding()
            let fresh = tables.caseFinding(atoms: CaseFindingCounts.atoms(ranked, decisions: decisions, asAt: month))
            #expect(followed.atoms == fresh.atoms, "\(step), area \(query.area ?? "all")")
            #expect(followed.candidates.map(\.table) == fresh.candidates.map(\.table), "\(step), area \(query.area ?? "all")")
            #expect(followed.candidates.map(\.notes) == fresh.candidates.map(\.notes), "\(step)")
        }
        // And it releases through the disclosure policy and the guard as before.
        let released = try await maker.release(.caseFinding, ReportQuery())
        #expect(released.table.columns.first == "Households listed", "\(step)")
    }

    @Test(arguments: TestStore.available)
    func reportFromFollowedCountsIsTheReportFromAFreshRanking(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: the Does (Jane and Sam) and Pat Kelly, none listed yet
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            try await Self.expectSame(app, listed: 0, decided: 0, "first count")
            #expect(await app.caseFindingTally.lastUpdate == .rebuilt)

            // act: recent incidents put the Does' household on the list, followed in place
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
                record_id,person_record_id,category,role,occurred_on,summary
                E-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(12)),Incident at home
                E-2,P-2,asb,subject,\(CaseworkTests.daysAgo(40)),Missing from home overnight
                E-3,P-3,violence,witness,\(CaseworkTests.daysAgo(700)),Witness to assault in the street
                """.utf8), name: "e.csv", contentType: nil))
            try await Self.expectSame(app, listed: 1, decided: 0, "after an events import")
            #expect(await app.caseFindingTally.lastUpdate == .incremental)

            // A reviewer's decision moves the household from "not decided yet" without touching the counts.
            let sql = app.db as! any SQLDatabase
            let tally = try await app.caseFindingTally.current(app.casework, sql: sql, facts: try await app.boardFacts.current(sql))
            let listedID = try #require(tally.listed.first)
            let household = try #require(UUID(uuidString: listedID))
            try await CaseworkRepository(database: sql).recordDecision(household: household, outcome: ReviewDecision.Outcome.referToEarlyHelp.rawValue,
                                                                       reason: "Test decision", reviewer: UUID(), ruleSetVersion: 1, scoreSeen: 0, at: Date())
            try await Self.expectSame(app, listed: 1, decided: 1, "after a decision")

            // A people import (a third Doe at the address) may regroup households: counted afresh.
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data("""
                record_id,given_names,family_name,date_of_birth,sex,address_line,postcode
                P-4,Alex,Doe,2016-02-02,X,12 Mill Road,SS14 1DL
                """.utf8), name: "p2.csv", contentType: nil))
            try await Self.expectSame(app, listed: 1, decided: 1, "after a people import")
            #expect(await app.caseFindingTally.lastUpdate == .rebuilt)

            // Linkage moves records between people: counted afresh.
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            try await Self.expectSame(app, listed: 1, decided: 1, "after linkage")

            // A disposal takes Sam (and the missing episode's need) out of the household.
            try await ReportEqualityFollowTests.dispose(app, name: "doe sam")
            try await Self.expectSame(app, listed: 1, decided: 1, "after a disposal")
            #expect(await app.caseFindingTally.lastUpdate == .rebuilt)

            // A lead professional for Jane takes the household off the list, in place; its decision no longer counts.
            _ = try await service.run(partner: "test-police", kind: .involvements, source: .data(Data("""
                record_id,person_record_id,service,work_type,worker_name,lead_professional,started_on
                I-1,P-1,Domestic Abuse Unit,policing,DC Rowe,yes,\(CaseworkTests.daysAgo(10))
                """.utf8), name: "i.csv", contentType: nil))
            try await Self.expectSame(app, listed: 0, decided: 0, "after an involvements import")
            #expect(await app.caseFindingTally.lastUpdate == .incremental)
        }
    }
}
