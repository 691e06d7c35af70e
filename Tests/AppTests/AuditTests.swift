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

    /// Appends from many requests at once, grouped by the append gate, plus
    /// one inside a transaction of its own work:
    /// every entry is there once, numbered without gaps, and the ledger verifies.
    @Test(arguments: TestStore.available)
    func concurrentAppendsAreAllInAnIntactLedger(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            @Sendable func record(_ n: Int, _ part: Int) -> AuditRecord {
                AuditRecord(actor: "user-\(n)", partner: "test-police", purpose: "risk-panels", action: .read,
                            subject: "page:\(n)", resource: "part \(part)", decision: .permit, reason: "test")
            }
            // act
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        try await app.auditTrail.recordAlone([record(n, 1)], on: app.db)
                        try await app.auditTrail.recordAlone([record(n, 2), record(n, 3)], on: app.db)
                    }
                }
                group.addTask {
                    try await app.db.transaction { transaction in
                        try await app.auditTrail.recordAlone([record(99, 1)], on: transaction)
                    }
                }
                try await group.waitForAll()
            }
            // validate
            let rows = try await (app.db as! any SQLDatabase).select().columns("sequence", "subject", "resource").from("audit_entries")
                .orderBy("sequence").all()
            #expect(try rows.map { try $0.decode(column: "sequence", as: Int.self) } == Array(0..<121))
            let written = Set(try rows.map { "\(try $0.decode(column: "subject", as: String.self)) \(try $0.decode(column: "resource", as: String.self))" })
            #expect(written.count == 121)
            #expect(written.contains("page:99 part 1"))
            let report = try await verify(app)
            #expect(report.isIntact)
            #expect(report.entriesChecked == 121)
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
