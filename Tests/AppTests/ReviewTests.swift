import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

@Suite struct ReviewTests {
    /// Two police records queued as a pair, as a linkage run would queue them.
    func queuePair(_ app: Application) async throws -> (UUID, UUID, UUID) {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
        let sql = app.db as! any SQLDatabase
        let ids = try await sql.select().column("id").from("source_records").orderBy("record_id").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        try await ReviewRepository(database: sql).replaceOpenPairs(
            [(ids[0], ids[1], 0.8, 2.0, ["same family name +4.0", "different date of birth -3.1"])], at: Date())
        let pair = try #require(try await ReviewRepository(database: sql).openPairs().first)
        return (pair.id, ids[0], ids[1])
    }

    func person(_ app: Application, _ record: UUID) async throws -> UUID? {
        try await (app.db as! any SQLDatabase).select().column("person_id").from("source_records")
            .where("id", .equal, record).first()?.decode(column: "person_id", as: UUID?.self)
    }

    @Test func anAnalystMergesAPairWithAReasonAndItIsAudited() async throws {
        try await withApp(.sqlite) { app in
            let (pair, first, second) = try await queuePair(app)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            try await addUser(app, "pat")
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/review").status == .forbidden)

            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            let page = try await analyst.send(.GET, "/review")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("different date of birth -3.1"))
            let noReason = try await analyst.send(.POST, "/review/\(pair)", form: ["decision": "same-person", "reason": "", "csrf": analyst.csrf ?? ""])
            #expect(noReason.headers.first(name: .location)?.contains("error=") == true)
            #expect(try await person(app, first) != (try await person(app, second)))

            let done = try await analyst.send(.POST, "/review/\(pair)", form: [
                "decision": "same-person", "reason": "Same NHS number held by GP", "csrf": analyst.csrf ?? ""])
            #expect(done.headers.first(name: .location) == "/review?done=1")
            #expect(try await person(app, first) == (try await person(app, second)))
            let decisions = try await ReviewRepository(database: app.db as! any SQLDatabase).decisions()
            #expect(decisions.map(\.samePerson) == [true])
            let reasons = try await (app.db as! any SQLDatabase).select().column("reason").from("audit_entries").all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(reasons.contains("confirmed same person: Same NHS number held by GP"))
            // A decided pair cannot be decided again.
            let again = try await analyst.send(.POST, "/review/\(pair)", form: [
                "decision": "different-people", "reason": "second thoughts", "csrf": analyst.csrf ?? ""])
            #expect(again.status == .notFound)
        }
    }

    @Test func aPairTheRuleDecidedIsListedWithItsRuleAndCanBeOverturned() async throws {
        try await withApp(.sqlite) { app in
            _ = try await queuePair(app)
            let sql = app.db as! any SQLDatabase
            let ids = try await sql.select().column("id").from("source_records").orderBy("record_id").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            let review = ReviewRepository(database: sql)
            try await review.replaceRuledPairs([(ids[0], ids[2], 0.99, 9.0, [
                "Decided by rule: cannot-link rule: different given names, so these are different people"])], at: Date())
            let ruled = try #require(try await review.pairs(.ruledDifferent).first)
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("ana", "correct horse battery")
            let queue = try await analyst.send(.GET, "/review")
            #expect(queue.body.string.contains("See the 1 pair(s) the cannot-link rule decided"))
            #expect(!queue.body.string.contains("Decided by rule"))
            let page = try await analyst.send(.GET, "/review?show=ruled")
            #expect(page.body.string.contains("Decided by rule: cannot-link rule: different given names"))
            #expect(try await person(app, ids[0]) != (try await person(app, ids[2])))
            let done = try await analyst.send(.POST, "/review/\(ruled.id)", form: [
                "decision": "same-person", "reason": "Known alias confirmed by the GP", "csrf": analyst.csrf ?? ""])
            #expect(done.headers.first(name: .location) == "/review?done=1")
            #expect(try await person(app, ids[0]) == (try await person(app, ids[2])))
            #expect(try await review.count(.ruledDifferent) == 0)
            #expect(try await review.decisions().map(\.samePerson) == [true])
        }
    }

    @Test func rejectingAPairSplitsRecordsAndLaterRunsKeepThemApart() async throws {
        try await withApp(.sqlite) { app in
            let (pair, first, second) = try await queuePair(app)
            let sql = app.db as! any SQLDatabase
            // Put both records in one person, as an over-eager run might.
            let shared = try #require(try await person(app, first))
            try await LinkageRepository(database: sql).assign([second: shared], newPeople: [:], at: Date())
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var headers = HTTPHeaders()
            headers.contentType = .json
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            let response = try await client.send(.POST, "/api/v1/review/\(pair)", headers: headers,
                                                 body: #"{"decision": "different-people", "reason": "Twins: different first names"}"#)
            #expect(response.status == .noContent)
            #expect(try await person(app, first) != (try await person(app, second)))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            #expect(try await person(app, first) != (try await person(app, second)))
        }
    }
}
