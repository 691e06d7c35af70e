import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The strategic lead's reports: every figure through disclosure control,
/// every release in the ledger, bad requests answered clearly.
@Suite struct ReportsTests {
    /// 30 people over three postcode sectors; many ASB events in SS14 1, a few
    /// domestic abuse events in SS14 2 (a small number the reports must hide).
    static func load(_ app: Application) async throws {
        var people = "record_id,given_names,family_name,date_of_birth,postcode\n"
        let postcodes = ["SS14 1DL", "SS14 1DN", "SS14 1DP", "SS14 2AB", "SS14 2AD", "SS15 6PH"]
        for i in 1...30 { people += "P-\(i),Given\(i),Family,1980-01-01,\(postcodes[i % postcodes.count])\n" }
        var events = "record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n"
        var n = 0
        for month in 1...6 {
            for k in 0..<(10 + month) {
                n += 1
                events += "E-\(n),P-\(1 + k % 30),asb,subject,2026-0\(month)-1\(k % 9),noise,SS14 1DL,fact\n"
            }
        }
        for k in 0..<3 {
            n += 1
            events += "E-\(n),P-4,domestic-abuse,victim,2026-03-0\(k + 1),incident,SS14 2AB,fact\n"
        }
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
        _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(people.utf8), name: "p.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "e.csv", contentType: nil))
    }

    func signedInLead(_ app: Application) async throws -> PageClient {
        try await Self.load(app)
        return try await signedInStrategicLead(app)
    }

    @Test(arguments: TestStore.available)
    func theStrategicLeadSeesReportsAndNoPerson(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            // Their home is the reports: the one piece of work it offers.
            let home = try await client.send(.GET, "/home").body.string
            #expect(home.contains(#"href="/reports""#) && !home.contains(#"href="/people""#))
            let dashboard = try await client.send(.GET, "/reports")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("<svg") && dashboard.body.string.contains("id=\"trends\""))
            #expect(!dashboard.body.string.contains("Given1 "), "no person's name on a report")
            #expect(try await client.send(.GET, "/people?name=family").status == .forbidden)
        }
    }

    @Test(arguments: TestStore.available)
    func theCSVHoldsNoSmallNumber(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            for path in ["/reports/trends.csv", "/reports/trends.csv?category=all&period=quarter", "/reports/trends.csv?by=area",
                         "/reports/hotspots.csv", "/reports/trends.csv?by=partner&category=domestic-abuse"] {
                let response = try await client.send(.GET, path)
                #expect(response.status == .ok, "\(path)")
                let lines = response.body.string.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                #expect(lines[0].dropFirst().allSatisfy { $0.hasSuffix("count") }, "\(path): \(lines[0])")
                for cell in lines.dropFirst().flatMap({ $0.dropFirst() }) {
                    #expect(cell == "*" || cell == "0" || (Int(cell).map { $0 >= 8 && $0 % 5 == 0 } ?? false), "\(path): \(cell)")
                }
            }
            // The three domestic abuse events in March are never shown as 3.
            let sensitive = try await client.send(.GET, "/reports/trends.csv?category=domestic-abuse&period=month").body.string
            #expect(sensitive.contains("Q1") && sensitive.contains("*"), "coarsened to quarters, and suppressed")
        }
    }

    @Test(arguments: TestStore.available)
    func eachReleaseIsInTheLedgerWithItsPolicyAndHash(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await signedInLead(app)
            let response = try await client.send(.GET, "/api/v1/reports/trends?by=category")
            #expect(response.status == .ok)
            let json = try JSONDecoder().decode([String: AnyDecodable].self, from: Data(response.body.string.utf8))
            let digest = try #require(json["sha256"]?.text)
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT resource FROM audit_entries WHERE subject = 'report:trends'").all()
            let resources = try rows.map { try $0.decode(column: "resource", as: String.self) }
            #expect(resources.contains { $0.contains("policy:board v1") && $0.contains("sha256:\(digest)") })
            let stored = try await ReleaseRepository(database: sql).recent(limit: 5)
            #expect(stored.first?.digest == digest && stored.first?.policyVersion == 1)
        }
    }

    @Test(arguments: [("/reports/trends?area=ZZ9", "No postcode district or sector"),
                      ("/reports/trends?from=2026-13", "YYYY-MM"),
                      ("/reports/trends?from=2026-05&to=2026-01", "is after"),
                      ("/reports/trends?period=week", "use month, quarter or year"),
                      ("/reports/trends?category=gossip", "No category")])
    func badRequestsGetAClearError(path: String, words: String) async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            let response = try await client.send(.GET, path)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains(words), "\(response.body.string.prefix(400))")
        }
    }

    @Test func aFineRequestForASensitiveCategoryIsCoarsenedAndSaysSo() async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            let page = try await client.send(.GET, "/reports/trends?category=domestic-abuse&period=month&area=SS14+2").body.string
            #expect(page.contains("Shown by quarter, not by month"))
            #expect(page.contains("Shown by postcode district, not by sector"))
        }
    }

    @Test func aDifferencingAttackIsCoarsenedOrRefused() async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            // The district's events, then the same with the domestic abuse left out: the gap would be March's 3.
            let first = try await client.send(.GET, "/reports/trends.csv?by=partner&category=all&area=SS14&period=year&from=2026-03&to=2026-03")
            #expect(first.status == .ok)
            let second = try await client.send(.GET, "/reports/trends?by=partner&area=SS14&period=year&from=2026-03&to=2026-03")
            #expect(second.status == .conflict || second.body.string.contains("Shown more coarsely than asked"))
            #expect(second.status == .conflict ? second.body.string.contains("Nothing was released") : true)
        }
    }
}

extension ReportsTests {
    @Test func theAggregatesFollowTheStoreChangeLog() async throws {
        try await withApp(.sqlite) { app in
            var client = try await signedInLead(app)
            func total() async throws -> String? {
                let body = try await client.send(.GET, "/reports/trends.csv?by=partner&period=year&from=2026-01&to=2026-06").body.string
                return body.split(separator: "\r\n").last.map { String($0.split(separator: ",").last ?? "") }
            }
            #expect(try await total() == "80", "81 ASB events in the first half of 2026")
            var events = "record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n"
            for k in 0..<20 { events += "X-\(k),P-2,asb,subject,2026-02-0\(k % 9 + 1),noise,SS14 1DL,fact\n" }
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "more.csv", contentType: nil))
            #expect(try await total() == "100", "the next report counts the new import: 101")
        }
    }
}

/// Just enough JSON decoding to read a string field.
struct AnyDecodable: Decodable {
    var text: String?
    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
