@testable import App
import Foundation
import LanternDomain
import Testing
import VaporTesting

/// The lead professional evaluation through the real import, linkage and
/// report API, on both stores: a known answer, a window with nobody in it,
/// and an intervention Lantern does not know.
@Suite struct LeadProfessionalEvaluationTests {
    /// 40 people, each alone at an address, each with an anti-social
    /// behaviour record. The first 10 were given a lead professional on
    /// 10 February 2025, 21 days after their record; half of them had another
    /// record 60 days later. The other 30 had a record in mid-January 2025 and
    /// another 60 days later, and were never given one.
    static func load(_ app: Application) async throws {
        var people = "record_id,given_names,family_name,date_of_birth,postcode,uprn\n"
        var events = "record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature\n"
        var involvements = "record_id,person_record_id,service,work_type,lead_professional,started_on\n"
        for i in 1...40 {
            people += "P-\(i),Given\(i),Family\(i),1985-0\(1 + i % 9)-1\(i % 10),SS14 1DL,\(200_000 + i)\n"
            if i <= 10 {
                events += "E-\(i),P-\(i),asb,subject,2025-01-20,report,SS14 1DL,fact\n"
                if i % 2 == 0 { events += "F-\(i),P-\(i),asb,subject,2025-03-21,report,SS14 1DL,fact\n" }
                involvements += "I-\(i),P-\(i),Early Help,family-support,yes,2025-02-10\n"
            } else {
                events += "E-\(i),P-\(i),asb,subject,2025-01-15,report,SS14 1DL,fact\n"
                events += "F-\(i),P-\(i),asb,subject,2025-03-16,report,SS14 1DL,fact\n"
            }
        }
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
        for (kind, text) in [(ImportKind.people, people), (.events, events), (.involvements, involvements)] {
            _ = try await service.run(partner: "test-police", kind: kind, source: .data(Data(text.utf8), name: "x.csv", contentType: nil))
        }
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
    }

    func lead(_ app: Application) async throws -> PageClient {
        try await Self.load(app)
        return try await signedInStrategicLead(app)
    }

    @Test(arguments: TestStore.available)
    func householdsGivenALeadProfessionalAgainstSimilarHouseholds(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = try await lead(app)
            let response = try await client.send(.GET, "/api/v1/reports/evaluation?intervention=lead-professional&from=2025-01&to=2025-03")
            #expect(response.status == .ok)
            let report = try JSONDecoder().decode(ReportJSON.self, from: Data(response.body.string.utf8))
            let effect = try #require(report.effect)
            #expect(effect.withheldBecause == nil)
            #expect(effect.matchedCohort == "10" && effect.matchedComparison == "30" && effect.unmatchedCohort == "0")
            // The cohort's changes are -1 and 0, half each; the comparison's are all 0.
            #expect(effect.cohortChange == "-0.5" && effect.comparisonChange == "0" && effect.effect == "-0.5")
            #expect(report.title.hasPrefix("Lead professionals"))
            #expect(report.notes.contains { $0.contains("households given a lead professional against 30 similar households never given one") })
            // The MARAC evaluation of the same store has no one heard.
            let marac = try await client.send(.GET, "/api/v1/reports/evaluation?from=2025-01&to=2025-03")
            let maracEffect = try #require(try JSONDecoder().decode(ReportJSON.self, from: Data(marac.body.string.utf8)).effect)
            #expect(maracEffect.withheldBecause?.contains("could be matched") == true)
        }
    }

    @Test func aWindowWithNoOneAndAnUnknownInterventionAreAnsweredClearly() async throws {
        try await withApp(.sqlite) { app in
            var client = try await lead(app)
            let later = try await client.send(.GET, "/reports/evaluation?intervention=lead-professional&from=2025-04&to=2025-06")
            #expect(later.status == .ok)
            #expect(later.body.string.contains("Not shown, because no one in the cohort could be matched"))
            // The page's form sends its blank fields too: blank is the default window, not an error.
            let blank = try await client.send(.GET, "/reports/evaluation?from=&to=&period=&by=&area=&intervention=lead-professional&audience=")
            #expect(blank.status == .ok && blank.body.string.contains("Matched comparison"))
            let unknown = try await client.send(.GET, "/api/v1/reports/evaluation?intervention=therapy")
            #expect(unknown.status == .badRequest && unknown.body.string.contains("No intervention 'therapy'"))
            // Blank is not an intervention either: the form always names one.
            #expect(try await client.send(.GET, "/api/v1/reports/evaluation?intervention=").status == .badRequest)
        }
    }
}
