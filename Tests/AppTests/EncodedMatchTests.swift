@testable import App
import EncodedLinkage
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

/// The hub's match step: the store's clear-text people encoded with the agreed schema and
/// secret, linked with a partner's stored encodings, and the matches stored, replacing the
/// last run's.
@Suite struct EncodedMatchTests {
    @Test(arguments: TestStore.available)
    func theRefugesEncodingOfJaneIsMatchedToHerAndNoOneElse(_ store: TestStore) async throws {
        try await withApp(store, partnership: KnownToPartnersFixture.partnership) { app in
            // setup
            let (jane, _) = try await KnownToPartnersFixture.world(app)
            let sql = app.db as! any SQLDatabase
            // act
            let summary = try await KnownToPartnersFixture.match(app)
            // validate: R-1 (Jane, written differently but standardised alike) is Jane with identical bits; R-2 is nobody here
            let matches = try await EncodedMatchRepository(database: sql).all()
            #expect(matches.map(\.partner) == ["test-refuge"])
            #expect(matches.map(\.recordID) == ["R-1"])
            #expect(matches.map(\.personID) == [jane])
            #expect(matches.map(\.dice) == [1.0])
            #expect(summary.encodedRecords == 2 && summary.matches == 1 && summary.people == 3)
            #expect(matches.first?.threshold == summary.threshold)
            #expect((0.5..<1).contains(summary.threshold))
        }
    }

    @Test(arguments: TestStore.available)
    func aRunReplacesTheLastRunsMatchesAndAuditsCountsOnly(_ store: TestStore) async throws {
        try await withApp(store, partnership: KnownToPartnersFixture.partnership) { app in
            _ = try await KnownToPartnersFixture.world(app)
            let sql = app.db as! any SQLDatabase
            _ = try await KnownToPartnersFixture.match(app)
            _ = try await KnownToPartnersFixture.match(app)
            #expect(try await EncodedMatchRepository(database: sql).all().count == 1, "a second run replaces, not adds")
            // Under another secret the hub's encodings match nothing: the earlier match goes too.
            let other = Array("a-different-secret-nobody-agreed".utf8)
            #expect(try await KnownToPartnersFixture.match(app, secret: other).matches == 0)
            #expect(try await EncodedMatchRepository(database: sql).all().isEmpty)
            let entries = try await sql.raw("SELECT resource, reason FROM audit_entries WHERE subject = 'encoded-linkage'").all()
            #expect(entries.count == 3)
            let resources = try entries.map { try $0.decode(column: "resource", as: String.self) }.sorted()
            #expect(resources == ["encoded:2 people:3 matches:0", "encoded:2 people:3 matches:1", "encoded:2 people:3 matches:1"])
            // The secret is nowhere in the ledger.
            let all = try await sql.raw("SELECT resource, reason FROM audit_entries").all()
            for row in all {
                let text = try row.decode(column: "resource", as: String.self) + (try row.decode(column: "reason", as: String.self))
                #expect(!text.contains("known-to-partners-test-secret") && !text.contains("a-different-secret"))
            }
        }
    }

    @Test(arguments: TestStore.available)
    func storedMatchesAndDisclosuresRoundTrip(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            let person = UUID(), requester = UUID()
            let at = Date(timeIntervalSince1970: 1_780_000_000)
            let matches = EncodedMatchRepository(database: sql)
            try await matches.replace(with: (0..<700).map {
                StoredEncodedMatch(partner: "p", recordID: String(format: "R-%04d", $0), personID: $0 == 3 ? person : UUID(),
                                   dice: 0.9, threshold: 0.85, matchedAt: at)
            })
            #expect(try await matches.all().count == 700, "more than one insert chunk")
            #expect(try await matches.matches(of: [person])[person]?.map(\.recordID) == ["R-0003"])
            try await matches.replace(with: [])
            #expect(try await matches.all().isEmpty)

            let disclosures = PartnerDisclosureRepository(database: sql)
            let id = try #require(try await disclosures.request(person: person, partner: "p", requester: requester, name: "Carl",
                                                                requesterPartner: "q", purpose: "holistic-view",
                                                                reason: "School transition plan", at: at))
            #expect(try await disclosures.request(person: person, partner: "p", requester: requester, name: "Carl",
                                                  requesterPartner: "q", purpose: "holistic-view", reason: "again", at: at) == nil,
                    "one waiting request per requester, person and partner")
            #expect(try await disclosures.waiting(for: "p").map(\.id) == [id])
            #expect(try await disclosures.answer(id, disclose: true, by: "Dee", note: "Key worker since May", contact: "01234 567890",
                                                 reason: nil, at: at))
            #expect(try await disclosures.answer(id, disclose: false, by: "Dee", note: nil, contact: nil, reason: "no", at: at) == false)
            let answered = try #require(try await disclosures.find(id))
            #expect(answered.status == .disclosed && answered.involvementNote == "Key worker since May" && answered.contact == "01234 567890")
            #expect(try await disclosures.waiting(for: "p").isEmpty)
            #expect(try await disclosures.made(by: requester, about: person).map(\.id) == [id])
        }
    }

    @Test func aRunOverAStoreWithNoEncodingsClearsTheMatches() async throws {
        try await withApp(.sqlite, partnership: KnownToPartnersFixture.partnership) { app in
            let sql = app.db as! any SQLDatabase
            try await EncodedMatchRepository(database: sql).replace(with: [
                StoredEncodedMatch(partner: "test-refuge", recordID: "R-9", personID: UUID(), dice: 0.9, threshold: 0.85, matchedAt: Date()),
            ])
            let summary = try await KnownToPartnersFixture.match(app)
            #expect(summary.encodedRecords == 0 && summary.matches == 0)
            #expect(try await EncodedMatchRepository(database: sql).all().isEmpty)
        }
    }

    @Test func theCommandRefusesARunWithoutTheStoreTheSchemaOrAGoodSecret() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("match-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let short = folder.appendingPathComponent("short.key").path
        try "too-short".write(toFile: short, atomically: true, encoding: .utf8)
        func message(_ storedEncodings: Bool, _ schema: String?, _ secret: String?) async -> String {
            do {
                try await EncodedMatchCommand.run(storedEncodings: storedEncodings, encoded: [], schema: schema, secretFile: secret,
                                                  threshold: nil)
                return "ran"
            } catch {
                return "\(error)"
            }
        }
        #expect(await message(false, "docs/pprl-schema-weighted.json", short).contains("give --stored-encodings"))
        #expect(await message(true, nil, short).contains("give --schema and --secret-file"))
        let tooShort = await message(true, "docs/pprl-schema-weighted.json", short)
        #expect(tooShort.contains("the secret is 9 bytes") && !tooShort.contains("too-short"), "the secret is never repeated")
    }
}
