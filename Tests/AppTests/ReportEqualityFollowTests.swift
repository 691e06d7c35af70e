@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// The equality report's counts of people in listed households follow the
/// case-finding list through the store change log: imports of events and
/// involvements update them in place, people imports, linkage and disposals
/// count them afresh, and after each they are what a full recount gives.
@Suite struct ReportEqualityFollowTests {
    static let today = CalendarDate.today(at: Date())

    /// The kept counts, and the counts made from scratch from the store: facts re-read, every household re-scored.
    static func keptAndRecounted(_ app: Application) async throws -> (kept: EqualityListing, recount: CountAtoms, listed: Set<String>) {
        let sql = app.db as! any SQLDatabase
        let facts = try await app.boardFacts.current(sql)
        let kept = try await app.equalityListing.current(app.casework, sql: sql, facts: facts)
        let fresh = try await BoardFacts.read(sql, seq: 0)
        let list = CaseFindingList(caseFinding: try CaseFinding(.standard),
                                   households: try await CaseworkService.facts(sql, households: nil, forCaseFinding: true), on: today)
        let listed = Set(list.ranked().map(\.householdID))
        return (kept, EqualityCounts.listedAtoms(fresh.counts.membersOf, listed: listed, asAt: 5), listed)
    }

    static func expectSame(_ app: Application, listed expected: Int, _ step: String) async throws {
        let (kept, recount, listed) = try await keptAndRecounted(app)
        #expect(listed.count == expected, "\(step): households on the list")
        #expect(kept.listed == listed, "\(step)")
        #expect(kept.atoms(asAt: 5) == recount, "\(step)")
    }

    static func dispose(_ app: Application, name: String) async throws {
        let sql = app.db as! any SQLDatabase
        let person = try #require(try await PeopleRepository(database: sql).search(name: name).first).personID
        let records = try await sql.select().column("id").from("source_records").where("person_id", .equal, person).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        _ = try await DisposalService(app: app).dispose(
            sourceRecords: records, partner: "test-police", reason: .erasure(request: "RR-2026-0010"),
            approvedBy: DisposalApprover(userID: UUID().uuidString, partner: "test-council", role: "dpo"))
    }

    @Test(arguments: TestStore.available)
    func listedCountsFollowImportsAndAreCountedAfreshAfterLinkageAndDisposal(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup: the Does (Jane and Sam) and Pat Kelly, none listed yet
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            try await Self.expectSame(app, listed: 0, "first count")
            #expect(await app.equalityListing.lastUpdate == .rebuilt)

            // act: recent incidents put the Does' household on the list, in place
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
                record_id,person_record_id,category,role,occurred_on,summary
                E-1,P-1,domestic-abuse,victim,\(CaseworkTests.daysAgo(12)),Incident at home
                E-2,P-2,asb,subject,\(CaseworkTests.daysAgo(40)),Missing from home overnight
                E-3,P-3,violence,witness,\(CaseworkTests.daysAgo(700)),Witness to assault in the street
                """.utf8), name: "e.csv", contentType: nil))
            try await Self.expectSame(app, listed: 1, "after an events import")
            #expect(await app.equalityListing.lastUpdate == .incremental)

            // A people import (a third Doe at the address) may regroup households: counted afresh.
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data("""
                record_id,given_names,family_name,date_of_birth,sex,address_line,postcode
                P-4,Alex,Doe,2016-02-02,X,12 Mill Road,SS14 1DL
                """.utf8), name: "p2.csv", contentType: nil))
            try await Self.expectSame(app, listed: 1, "after a people import")
            #expect(await app.equalityListing.lastUpdate == .rebuilt)

            // Linkage moves records between people: counted afresh.
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            try await Self.expectSame(app, listed: 1, "after linkage")

            // A disposal takes Sam out of the household and the counts.
            try await Self.dispose(app, name: "doe sam")
            try await Self.expectSame(app, listed: 1, "after a disposal")
            #expect(await app.equalityListing.lastUpdate == .rebuilt)

            // A lead professional for Jane takes the household off the list, in place.
            _ = try await service.run(partner: "test-police", kind: .involvements, source: .data(Data("""
                record_id,person_record_id,service,work_type,worker_name,lead_professional,started_on
                I-1,P-1,Domestic Abuse Unit,policing,DC Rowe,yes,\(CaseworkTests.daysAgo(10))
                """.utf8), name: "i.csv", contentType: nil))
            try await Self.expectSame(app, listed: 0, "after an involvements import")
            #expect(await app.equalityListing.lastUpdate == .incremental)
        }
    }
}
