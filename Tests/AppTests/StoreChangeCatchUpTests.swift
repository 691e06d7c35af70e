@testable import App
import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Testing
import Vapor

/// Two applications over one store stand for two `lantern serve` processes:
/// what one writes, the other's in-memory index and caches must follow
/// through the store change log, not only after a restart.
@Suite struct StoreChangeCatchUpTests {
    /// Runs `body` with two applications configured alike over one new store.
    func withTwoApps(_ store: TestStore, _ body: (Application, Application) async throws -> Void) async throws {
        var config = LanternConfiguration()
        config.logLevel = .warning
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        config.dataDirectory = scratch.path
        if store == .postgres { config.databaseURL = try await makePostgresDatabase() }
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        do {
            try await configure(first, config)
            try await first.autoMigrate()
            try await PartnershipRepository(database: first.db as! any SQLDatabase).load(TestPartnership.description, at: Date())
            try await configure(second, config)
            try await body(first, second)
            try await first.asyncShutdown()
            try await second.asyncShutdown()
        } catch {
            try? await first.asyncShutdown()
            try? await second.asyncShutdown()
            throw error
        }
    }

    func load(_ app: Application, _ partner: String, _ rows: String) async throws {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                    linker: app.storeLinker)
            .run(partner: partner, kind: .people, source: .data(Data(("""
                record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number

                """ + rows).utf8), name: "people.csv", contentType: nil))
    }

    func personOf(_ app: Application, _ partner: String, _ record: String) async throws -> UUID? {
        try await (app.db as! any SQLDatabase).select().column("person_id").from("source_records")
            .where("partner_slug", .equal, partner).where("record_id", .equal, record).first()?
            .decode(column: "person_id", as: UUID?.self)
    }

    @Test(arguments: TestStore.available)
    func aPersonImportedThroughOneProcessIsJoinedByRecordsImportedThroughTheOther(_ store: TestStore) async throws {
        try await withTwoApps(store) { a, b in
            try await load(a, "test-police", ImportTests.people.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
            try await load(a, "test-council", "C-7,Jane,Doe,1985-03-14,F,12 Mill Road,SS14 1DL,9434765919\n")
            _ = try await a.storeLinker.relinkAll(database: a.db, audit: a.auditTrail, actor: "test")
            let jane = try #require(try await personOf(a, "test-police", "P-1"))
            // B builds its index now, before A imports anyone new.
            try await load(b, "test-council", "C-8,Jane,Doe,1985-03-14,F,12 Mill Road,SS14 1DL,943 476 5919\n")
            #expect(try await personOf(b, "test-council", "C-8") == jane)

            // Someone new arrives through A only; B's index has never seen them.
            try await load(a, "test-police", "P-20,Morgan,Fairweather-Lane,1990-06-01,F,4 Quarry Close,SS15 2AB,401 023 2137\n")
            let morgan = try #require(try await personOf(a, "test-police", "P-20"))
            try await load(b, "test-council", "C-20,Morgan,Fairweather-Lane,1990-06-01,F,4 Quarry Close,SS15 2AB,4010232137\n")
            #expect(try await personOf(b, "test-council", "C-20") == morgan,
                    "B caught up with A's import and joined the council's record to the person A stored")

            // A new model from a full run on A: B rebuilds and still resolves against everyone.
            _ = try await a.storeLinker.relinkAll(database: a.db, audit: a.auditTrail, actor: "test")
            try await load(b, "test-police", "P-21,Morgan,Fairweather-Lane,1990-06-01,F,4 Quarry Close,SS15 2AB,4010232137\n")
            #expect(try await personOf(b, "test-police", "P-21") == (try await personOf(a, "test-police", "P-20")))

            let report = try await AuditRepository(database: a.db as! any SQLDatabase).verify(verifier: a.auditTrail.signer.verifier)
            #expect(report.isIntact)
        }
    }

    @Test(arguments: TestStore.available)
    func anAgreementSuspendedThroughOneProcessStopsSharingInTheOther(_ store: TestStore) async throws {
        try await withTwoApps(store) { a, b in
            let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400))
            func covered(_ app: Application) async throws -> Bool {
                let policy = try await app.accessGate.current(app.db as! any SQLDatabase)
                if case .covered = policy.index.coverage(from: "test-police", to: "test-council", category: .identity,
                                                         purpose: .holisticView, on: today) { return true }
                return false
            }
            #expect(try await covered(a))
            #expect(try await covered(b), "B built its policy while the agreement was in force")

            let sql = a.db as! any SQLDatabase
            let id = try await agreementID(a, titled: "Test ISP")
            let stored = try #require(try await AgreementRepository(database: sql).find(id))
            var suspended = stored.agreement
            suspended.status = .suspended
            _ = try await AgreementRepository(database: sql).replace(id, expecting: stored.version, with: suspended, edit: AgreementEdit(
                change: "suspend", userID: "test", userName: "Test DPO", reason: "suspended at the board", at: Date()))
            #expect(try await covered(b) == false, "B's next decision reads the suspension A saved")
        }
    }

    @Test(arguments: TestStore.available)
    func needRulesSavedThroughOneProcessScoreCaseFindingInTheOther(_ store: TestStore) async throws {
        try await withTwoApps(store) { a, b in
            let before = try await b.casework.currentCaseFinding(b.db as! any SQLDatabase).ruleSet
            var next = before
            next.version = before.version + 1
            let sql = a.db as! any SQLDatabase
            try await NeedRuleSetRepository(database: sql).save(
                version: next.version, json: try NeedRulesController.json(next), author: UUID(), authorName: "Test Analyst",
                reason: "new weights agreed", at: Date())
            try await StoreChangeLog(database: sql).noteEverything(kind: "need-rules", at: Date())
            #expect(try await b.casework.currentCaseFinding(b.db as! any SQLDatabase).ruleSet.version == next.version)
        }
    }
}
