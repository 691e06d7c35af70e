@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The disposal preview reads records through the access decision under the
/// retention purpose: the owning partner's records officer sees the records
/// the batch would remove; the DPO sees counts; another partner's records
/// officer and practitioners are refused.
@Suite struct RetentionPreviewTests {
    @Test(arguments: TestStore.available)
    func theOwningRecordsOfficerChecksTheBatchRecordByRecordOthersSeeCountsOrNothing(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            _ = try await RetentionTests.setUp(app)
            var dpo = try await RetentionTests.signedIn(app, "dee")
            _ = try await dpo.send(.POST, "/retention/rules", form: ["csrf": dpo.csrf ?? "", "rules": RetentionTests.policeRules, "reason": "Force schedule"])
            var rhea = try await RetentionTests.signedIn(app, "rhea")
            _ = try await rhea.send(.POST, "/retention/batches", form: ["csrf": rhea.csrf ?? "", "partner": "test-police", "recordClass": "people"])
            let batch = try #require(try await RetentionRepository(database: sql).batches().first)
            let path = "/retention/batches/\(batch.id)"
            #expect(try await rhea.send(.GET, "/retention").body.string.contains("check-\(batch.reference)"))

            let officer = try await rhea.send(.GET, path)
            #expect(officer.status == .ok)
            #expect(officer.headers.first(name: "X-Lantern-Access") == "permit", "the records were decided")
            let page = officer.body.string
            #expect(page.contains("Kelly") && page.contains("P-3"), "the officer reads their own due record")
            #expect(!page.contains("not-listed"), "every record of a small batch is listed")

            let counts = try await dpo.send(.GET, path)
            #expect(counts.status == .ok)
            #expect(!counts.body.string.contains("Kelly") && counts.body.string.contains("counted, not listed"), "the DPO sees counts only")

            var rex = try await RetentionTests.signedIn(app, "rex")
            #expect(try await rex.send(.GET, path).status == .forbidden, "another partner's records officer")
            try await addUser(app, "pc", partner: "test-police")
            var worker = PageClient(app: app)
            _ = try await worker.signIn("pc", "correct horse battery")
            #expect(try await worker.send(.GET, path).status == .forbidden, "a practitioner of the same partner")

            let decided = try await sql.select().columns("purpose", "decision").from("audit_entries")
                .where("resource", .like, "disposal-preview:\(batch.reference)%").all()
                .map { "\(try $0.decode(column: "purpose", as: String.self)) \(try $0.decode(column: "decision", as: String.self))" }
            #expect(decided.contains("retention permit") && decided.contains("retention deny"), "the officer's reads and the DPO's refusal are audited")
        }
    }
}
