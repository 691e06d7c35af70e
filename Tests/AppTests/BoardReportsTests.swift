@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The people-based reports and the returns: known answers on a small
/// store, no small number in any CSV, every release in the ledger.
@Suite struct BoardReportsTests {
    static let reports = BoardReport.allCases.map(\.rawValue)

    /// 20 domestic abuse victims in SS14 1 in January 2026, the first 10
    /// again in February (repeats); 3 more victims in SS15 6 (a small number).
    /// 12 people known to both the police and the council.
    static func load(_ app: Application) async throws {
        var people = "record_id,given_names,family_name,date_of_birth,postcode,uprn\n"
        for i in 1...23 { people += "P-\(i),Given\(i),Family\(i),1980-01-\(10 + i % 18),\(i > 20 ? "SS15 6PH" : "SS14 1DL"),\(100_000 + i)\n" }
        var events = "record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n"
        for i in 1...23 { events += "E-\(i),P-\(i),domestic-abuse,victim,2026-01-05,incident,\(i > 20 ? "SS15 6PH" : "SS14 1DL"),fact\n" }
        for i in 1...10 { events += "R-\(i),P-\(i),domestic-abuse,victim,2026-02-10,incident,SS14 1DL,fact\n" }
        var council = "record_id,given_names,family_name,date_of_birth,postcode,uprn\n"
        for i in 1...12 { council += "C-\(i),Given\(i),Family\(i),1980-01-\(10 + i % 18),SS14 1DL,\(100_000 + i)\n" }
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
        _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(people.utf8), name: "p.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "e.csv", contentType: nil))
        _ = try await service.run(partner: "test-council", kind: .people, source: .data(Data(council.utf8), name: "c.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
    }

    func signedInLead(_ app: Application) async throws -> PageClient {
        try await Self.load(app)
        return try await signedInStrategicLead(app)
    }

    func json(_ response: TestingHTTPResponse) throws -> ReportJSON {
        try JSONDecoder().decode(ReportJSON.self, from: Data(response.body.string.utf8))
    }

    @Test(arguments: TestStore.available)
    func repeatVictimisationKnownAnswer(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            let response = try await client.send(.GET, "/api/v1/reports/repeat-victimisation?from=2026-01&to=2026-03&area=SS14")
            #expect(response.status == .ok, "\(response.body.string.prefix(300))")
            let report = try json(response)
            #expect(report.rows.map(\.label) == ["2026 Q1"], "domestic abuse is shown by quarter at the finest")
            #expect(report.rows.first?.counts == ["20", "10"])
            #expect(report.derived?.rows == ["50"], "10 of 20 victims had a repeat within 12 months")
            #expect(report.notes.contains { $0.contains("Shown by quarter, not by month") })
            // By area: SS15's three victims are never shown as 3.
            let byArea = try json(try await client.send(.GET, "/api/v1/reports/repeat-victimisation?from=2026-01&to=2026-03&by=area"))
            #expect(byArea.rows.first { $0.label == "SS15" }?.counts == ["*", "0"])
            #expect(byArea.rows.first { $0.label == "SS14" }?.counts == ["20", "10"])
        }
    }

    @Test(arguments: TestStore.available)
    func serviceOverlapKnownAnswer(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            let overlap = try json(try await client.send(.GET, "/api/v1/reports/service-overlap"))
            #expect(overlap.columns == ["Known to 1 partner", "Known to 2 partners", "Known to 3 or more partners"])
            #expect(overlap.totals == ["10", "10", "0"], "11 households known to the police alone, 12 to both (rounded)")
            let combinations = try json(try await client.send(.GET, "/api/v1/reports/partner-combinations"))
            #expect(combinations.rows.count == 2 && combinations.rows.allSatisfy { $0.counts == ["10"] }, "\(combinations.rows)")
        }
    }

    @Test(arguments: TestStore.available)
    func everyCSVHoldsNoSmallNumberAndEveryReleaseIsAudited(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            for report in Self.reports {
                for query in ["", "?by=area", "?audience=public", "?period=year&from=2025-01&to=2026-12"] {
                    let path = "/reports/\(report).csv\(query)"
                    let response = try await client.send(.GET, path)
                    #expect(response.status == .ok, "\(path): \(response.body.string.prefix(300))")
                    let lines = response.body.string.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                    let header = try #require(lines.first)
                    let counts = header.indices.dropFirst().filter { header[$0].hasSuffix("count") }
                    #expect(counts.count >= header.count - 2, "\(path): every column but a rate is a count: \(header)")
                    for line in lines.dropFirst() {
                        for index in counts {
                            let cell = line[index]
                            #expect(cell == "*" || cell == "0" || (Int(cell).map { $0 >= 8 && $0 % 5 == 0 } ?? false), "\(path): \(cell)")
                        }
                    }
                }
                let page = try await client.send(.GET, "/reports/\(report)")
                #expect(page.status == .ok && page.body.string.contains("How this is counted"), "\(report)")
                #expect(!page.body.string.contains("Given1"), "no name on a report")
            }
            let sql = app.db as! any SQLDatabase
            let subjects = try await sql.raw("SELECT subject FROM audit_entries WHERE action = 'export'").all()
                .map { try $0.decode(column: "subject", as: String.self) }
            #expect(Set(Self.reports.map { "report:\($0)" }).isSubset(of: Set(subjects)))
        }
    }

    @Test func othersAreRefusedAndBadRequestsGetAClearError() async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            let bad = try await client.send(.GET, "/reports/marac-return?area=ZZ9")
            #expect(bad.status == .badRequest && bad.body.string.contains("No postcode district or sector"))
            try await addUser(app, "worker", partner: "test-police", roles: ["practitioner"])
            var worker = PageClient(app: app)
            _ = try await worker.signIn("worker", "correct horse battery")
            for report in Self.reports { #expect(try await worker.send(.GET, "/reports/\(report)").status == .forbidden, "\(report)") }
        }
    }
}

extension BoardReportsTests {
    @Test func theEqualityReportReadsTheEthnicityColumn() async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            // Ten more people at the police, each recorded with an ONS code, each their own household.
            var people = "record_id,given_names,family_name,date_of_birth,sex,postcode,uprn,ethnicity\n"
            for i in 1...10 { people += "Q-\(i),Other\(i),Person\(i),1990-02-\(10 + i),F,SS14 1DN,\(200_000 + i),B\(1 + i % 3)\n" }
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(people.utf8), name: "q.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let report = try json(try await client.send(.GET, "/api/v1/reports/equality?split=ethnicity"))
            #expect(report.rowHeading == "Ethnic group (ONS 2021)")
            let black = try #require(report.rows.first { $0.label.hasPrefix("Black") })
            #expect(black.counts == ["10", "0"], "ten people, none in a listed household")
            #expect(report.rows.first { $0.label == "Not recorded" }?.counts.first == "25", "the 23 + 12 records make 23 people")
            let bad = try await client.send(.GET, "/api/v1/reports/equality?split=religion")
            #expect(bad.status == .badRequest && bad.body.string.contains("use sex, age or ethnicity"))
            // A value that is not an ONS group is a problem in the import, not a guess.
            await #expect(throws: ImportFailure.self) {
                _ = try await service.run(partner: "test-police", kind: .people,
                                          source: .data(Data("record_id,given_names,family_name,ethnicity\nZ-1,A,B,Martian\n".utf8), name: "z.csv", contentType: nil))
            }
        }
    }
}

extension BoardReportsTests {
    /// After an import the event counts are updated in place, and match a
    /// full recount; a record changed twice before the next report falls back
    /// to the recount.
    @Test(arguments: TestStore.available)
    func theEventCountsFollowImportsWithoutARecount(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await Self.load(app)
            let sql = app.db as! any SQLDatabase
            let aggregates = app.reportAggregates
            _ = try await aggregates.current(sql)
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            func events(_ rows: String) throws -> ExtractSource {
                try .data(Data(("record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n" + rows).utf8), name: "e.csv", contentType: nil)
            }
            // E-1 moves from January's domestic abuse to March's ASB; two new events; E-2 loses its postcode.
            _ = try await service.run(partner: "test-police", kind: .events, source: try events("""
                E-1,P-1,asb,subject,2026-03-09,noise,SS14 1DL,fact
                E-2,P-2,domestic-abuse,victim,2026-01-05,incident,,fact
                N-1,P-3,burglary,victim,2026-04-01,break-in,SS15 6PH,fact
                N-2,P-4,burglary,victim,2026-04-02,break-in,SS15 6PH,fact
                """))
            let updated = try await aggregates.current(sql)
            #expect(await aggregates.lastUpdate == .incremental)
            let recount = try await ReportAggregates.build(sql, seq: updated.seq)
            #expect(updated.atoms.counts == recount.atoms.counts)
            #expect(updated.atoms.months == recount.atoms.months && updated.atoms.sectors == recount.atoms.sectors)
            // Two imports that both change N-1 before anyone asks: the recount is the only right answer.
            _ = try await service.run(partner: "test-police", kind: .events, source: try events("N-1,P-3,burglary,victim,2026-05-01,break-in,SS15 6PH,fact\n"))
            _ = try await service.run(partner: "test-police", kind: .events, source: try events("N-1,P-3,theft,victim,2026-06-01,theft,SS14 1DL,fact\n"))
            let twice = try await aggregates.current(sql)
            #expect(await aggregates.lastUpdate == .rebuilt)
            #expect(twice.atoms.counts == (try await ReportAggregates.build(sql, seq: twice.seq)).atoms.counts)
        }
    }
}
