@testable import App
import Foundation
import Ledger
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

@Suite struct AuditTests {
    func importPeople(_ app: Application, _ text: String) async throws {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: "test-police", kind: .people, source: .data(Data(text.utf8), name: "people.csv", contentType: nil))
    }

    func verify(_ app: Application) async throws -> LedgerVerificationReport {
        try await AuditRepository(database: app.db as! any SQLDatabase).verify(verifier: app.auditTrail.signer.verifier)
    }

    @Test(arguments: TestStore.available)
    func importsAndRefusalsAreInAnIntactLedger(_ store: TestStore) async throws {
        try await withApp(store) { app in
            try await importPeople(app, ImportTests.people)
            await #expect(throws: ImportFailure.self) {
                try await importPeople(app, "record_id,given_names,family_name\nP-1,,Doe\n")
            }
            let report = try await verify(app)
            #expect(report.isIntact)
            #expect(report.entriesChecked == 2)
            #expect(report.headsVerified == 2)
            let decisions = try await (app.db as! any SQLDatabase).select().column("decision").from("audit_entries")
                .orderBy("sequence").all().map { try $0.decode(column: "decision", as: String.self) }
            #expect(decisions == ["permit", "deny"])
        }
    }

    @Test(arguments: TestStore.available)
    func verificationNamesTheFirstAlteredOrRemovedEntry(_ store: TestStore) async throws {
        try await withApp(store) { app in
            for _ in 0..<3 { try await importPeople(app, ImportTests.people) }
            let sql = app.db as! any SQLDatabase
            try await sql.update("audit_entries").set("reason", to: "nothing to see").where("sequence", .equal, 1).run()
            #expect(try await verify(app).fault == .altered(sequence: 1))
            try await sql.delete(from: "audit_entries").where("sequence", .equal, 1).run()
            #expect(try await verify(app).fault == .missing(expected: 1, found: 2))
        }
    }

    @Test func partnersCanDownloadSignedHeadsThatVerify() async throws {
        try await withApp(.sqlite) { app in
            try await importPeople(app, ImportTests.people)
            // A partner's feed fetches them with its API token.
            let token = APIToken.make()
            _ = try await AccountSecurityRepository(database: app.db as! any SQLDatabase).addToken(
                name: "Police heads", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(token), at: Date())
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            var client = PageClient(app: app)
            let response = try await client.send(.GET, "/api/v1/audit/heads", headers: headers)
            #expect(response.status == .ok)
            struct Published: Decodable { var publicKey: String; var heads: [SignedTreeHead] }
            let published = try response.content.decode(Published.self)
            let verifier = try TreeHeadVerifier(publicKeyBytes: try #require(Data(base64Encoded: published.publicKey)))
            #expect(published.heads.count == 1)
            #expect(published.heads.allSatisfy(verifier.isValid))
        }
    }
}
