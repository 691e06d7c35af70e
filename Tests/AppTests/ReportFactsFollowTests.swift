@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The people-based reports' facts follow imports of events in place, and
/// what they then hold is what a full re-read holds; anything else (people
/// records, linkage) is re-read whole.
@Suite struct ReportFactsFollowTests {
    static func events(_ rows: String) throws -> ExtractSource {
        try .data(Data(("record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n" + rows).utf8), name: "e.csv", contentType: nil)
    }

    static func expectSame(_ updated: BoardFacts, _ reread: BoardFacts) {
        #expect(updated.counts.windowKeys == reread.counts.windowKeys)
        #expect(updated.counts.incidentDays == reread.counts.incidentDays)
        #expect(Set(updated.incidentsOf.keys) == Set(reread.incidentsOf.keys))
        for (victim, own) in reread.incidentsOf { #expect(Set(updated.incidentsOf[victim] ?? []) == Set(own), "\(victim)") }
    }

    @Test(arguments: TestStore.available)
    func victimIncidentsFollowEventImports(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await BoardReportsTests.load(app)
            let sql = app.db as! any SQLDatabase
            let cache = app.boardFacts
            // U-1 and U-2: police records imported without the linker.
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test").run(
                partner: "test-police", kind: .people,
                source: .data(Data("record_id,given_names,family_name,date_of_birth,postcode\nU-1,Unlinked,One,1990-01-01,SS15 6PH\nU-2,Unlinked,Two,1991-01-01,SS15 6PH\n".utf8), name: "u.csv", contentType: nil))
            _ = try await cache.current(sql)
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            // E-1 stops being domestic abuse; E-2 moves to another victim and month; new incidents for a linked
            // victim (P-3), U-1 and an ASB event that changes nothing.
            _ = try await service.run(partner: "test-police", kind: .events, source: try Self.events("""
                E-1,P-1,asb,subject,2026-01-05,noise,SS14 1DL,fact
                E-2,P-22,domestic-abuse,victim,2026-04-01,incident,SS15 6PH,fact
                N-1,P-3,domestic-abuse,victim,2026-03-03,incident,SS14 1DL,fact
                N-2,U-1,domestic-abuse,victim,2026-03-04,incident,SS15 6PH,fact
                N-3,P-5,asb,victim,2026-03-05,noise,SS14 1DL,fact
                """))
            let updated = try await cache.current(sql)
            #expect(await cache.lastUpdate == .incremental)
            Self.expectSame(updated, try await BoardFacts.read(sql, seq: updated.seq))
            #expect(updated.incidentsOf.values.contains { $0.contains { $0.day == CalendarDate(year: 2026, month: 3, day: 4) } }, "U-1's new incident is counted")
            // Two more imports before the next report, the second changing what the first wrote.
            _ = try await service.run(partner: "test-police", kind: .events, source: try Self.events("N-4,U-1,domestic-abuse,victim,2026-05-01,incident,SS15 6PH,fact\n"))
            _ = try await service.run(partner: "test-police", kind: .events, source: try Self.events("N-4,U-2,domestic-abuse,victim,2026-06-01,incident,SS14 1DL,fact\n"))
            let twice = try await cache.current(sql)
            #expect(await cache.lastUpdate == .incremental)
            Self.expectSame(twice, try await BoardFacts.read(sql, seq: twice.seq))
            // A people import may regroup households and link records: the facts are read again whole.
            _ = try await service.run(partner: "test-police", kind: .people,
                                      source: .data(Data("record_id,given_names,family_name,date_of_birth,postcode\nP-30,New,Person,1990-01-01,SS15 6PH\n".utf8), name: "p.csv", contentType: nil))
            let reread = try await cache.current(sql)
            #expect(await cache.lastUpdate == .rebuilt)
            Self.expectSame(reread, try await BoardFacts.read(sql, seq: reread.seq))
        }
    }

    /// The repeat victimisation report after an import in place is the report a fresh application makes.
    @Test(arguments: TestStore.available)
    func theReportAfterAnUpdateIsTheReportAfterARecount(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await BoardReportsTests.load(app)
            let sql = app.db as! any SQLDatabase
            _ = try await app.boardFacts.current(sql)
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            var rows = ""
            for i in 11...20 { rows += "S-\(i),P-\(i),domestic-abuse,victim,2026-03-1\(i % 10),incident,SS14 1DL,fact\n" }
            _ = try await service.run(partner: "test-police", kind: .events, source: try Self.events(rows))
            let updated = try await app.boardFacts.current(sql)
            #expect(await app.boardFacts.lastUpdate == .incremental)
            let reread = try await BoardFacts.read(sql, seq: updated.seq)
            let places = try await app.reportAggregates.current(sql).atoms
            let request = try ReportRequest(ReportQuery(from: "2026-01", to: "2026-03", by: "area"), atoms: places, thisMonth: MonthIndex.of(year: 2026, month: 6))
            let drafts = [updated, reread].map { facts in
                BoardTables(request: request, facts: facts, places: places, thisMonth: MonthIndex.of(year: 2026, month: 6)).repeatVictimisation()
            }
            #expect(drafts[0].candidates.map(\.table) == drafts[1].candidates.map(\.table))
            let q1 = Set(MonthIndex.of(year: 2026, month: 1)...MonthIndex.of(year: 2026, month: 3))
            let (victims, repeats) = RepeatVictimisation.measures(rule: "window:\(q1.min()!)-\(q1.max()!)")
            let everywhere = Set(drafts[0].atoms.areas(of: victims))
            func count(_ measure: String) -> Int {
                drafts[0].atoms.count(CellScope(measure: measure, areas: everywhere, months: q1, categories: [RepeatVictimisation.category], partners: [CountAtoms.anyPartner]))
            }
            #expect(count(victims) == 23 && count(repeats) == 20, "P-11 to P-20 now have a repeat in March as well as P-1 to P-10 in February")
        }
    }
}
