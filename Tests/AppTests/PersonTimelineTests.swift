import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

/// The person page: the timeline with its chart and filters, each event's
/// history, and the services working with the person, through the decision.
@Suite struct PersonTimelineTests {
    @Test func thePersonPageShowsATimelineWithFiltersHistoryAndTheTeam() async throws {
        try await withApp(.sqlite) { app in
            let (_, jane) = try await CaseworkTests().family(app)
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .involvements, source: .data(Data("""
                    record_id,person_record_id,service,work_type,worker_name,lead_professional,started_on
                    I-1,P-1,Domestic Abuse Unit,policing,DC Rowe,yes,\(CaseworkTests.daysAgo(10))
                    """.utf8), name: "i.csv", contentType: nil))
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            let page = try await client.send(.GET, "/people/\(jane)")
            let body = page.body.string
            #expect(page.headers.first(name: "X-Lantern-Access") != nil)
            #expect(body.contains("svg") && body.contains("timeline-chart"))
            #expect(body.contains("Incident at home") && body.contains("/events/test-police/E-1/history"))
            #expect(body.contains("Domestic Abuse Unit") && body.contains("Lead professional") && body.contains("DC Rowe"))
            let filtered = try await client.send(.GET, "/people/\(jane)?from=\(CaseworkTests.daysAgo(5))").body.string
            #expect(!filtered.contains("Incident at home"), "an event before the period is filtered out")

            // A charity with no agreement in force sees neither the events nor the team.
            try await addUser(app, "cass", partner: "test-charity", roles: ["practitioner"])
            var outsider = PageClient(app: app)
            _ = try await outsider.signIn("cass", "correct horse battery")
            let refused = try await outsider.send(.GET, "/people/\(jane)").body.string
            #expect(!refused.contains("Incident at home") && !refused.contains("DC Rowe") && refused.contains("Name withheld"))
        }
    }
}
