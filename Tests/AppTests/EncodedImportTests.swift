@testable import App
import EncodedLinkage
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// Encoded people extracts (`--kind encoded-people`): CLKs, record ids and the partner's own
/// person ids, through the same import path, validation and all-or-nothing batch as
/// clear-text people, then linked at the hub with the encoded linker.
@Suite struct EncodedImportTests {
    static let secret = Array("encoded-import-test-secret-0123".utf8)

    /// Two partners' encodings of the same two (invented) people, written as each would send them.
    static func extracts() throws -> (police: String, council: String) {
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/pprl-schema-weighted.json")
        let schema = try LinkageSchema.parse(try Data(contentsOf: schemaURL))
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        func clk(_ row: [String]) throws -> String { try encoder.encode(row).base64 }
        let ann = ["", "ann", "okafor", "1984-02-11", "F", "4 mill road", "", "HW1 2AB"]
        var annAgain = ann
        annAgain[1] = "anne"
        let kai = ["", "kai", "okafor", "2015-09-30", "M", "4 mill road", "", "HW1 2AB"]
        let police = "record_id,clk,partner_person_id\nP-1,\(try clk(ann)),A\nP-2,\(try clk(kai)),K\n"
        let council = "record_id,clk\nC-7,\(try clk(annAgain))\n"
        return (police, council)
    }

    func run(_ app: Application, _ partner: String, _ text: String, name: String = "encoded.csv") async throws -> ImportSummary {
        try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            .run(partner: partner, kind: .encodedPeople, source: .data(Data(text.utf8), name: name, contentType: nil))
    }

    @Test(arguments: TestStore.available)
    func encodedExtractsLoadAndLinkAcrossPartners(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let (police, council) = try Self.extracts()
            // act
            #expect(try await run(app, "test-police", police).loaded == 2)
            #expect(try await run(app, "test-council", council).loaded == 1)
            let stored = try await EncodedRecordRepository(database: app.db as! any SQLDatabase).all()
            var records = EncodedRecords(bits: 1_024)
            try EncodedLink.add(stored, to: &records)
            var settings = EncodedLinker.Settings()
            settings.threshold = 0.8
            let result = await EncodedLinker.link(records, settings: settings)
            // validate: Ann at both partners is one person, her son Kai another; no names stored
            #expect(records.recordIDs == ["test-council:C-7", "test-police:P-1", "test-police:P-2"])
            #expect(result.personOf[0] == result.personOf[1])
            #expect(result.personOf[2] != result.personOf[1])
            #expect(stored.map(\.partnerPersonID) == [nil, "A", "K"])
            let people = try await PeopleRepository(database: app.db as! any SQLDatabase).counts()
            #expect(people["people"] == 0 && people["source_records"] == 0)
        }
    }

    @Test(arguments: TestStore.available)
    func aBadEncodedExtractIsRefusedWholeWithEveryProblem(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let (police, _) = try Self.extracts()
            let good = police.split(separator: "\n")[1].split(separator: ",")[1]
            let bad = """
                record_id,clk,partner_person_id
                P-1,\(good),A
                P-2,not*base64,K
                P-3,\(good.prefix(good.count - 4)),
                ,\(good),
                """
            let error = await #expect(throws: ImportFailure.self) { try await run(app, "test-police", bad, name: "enc.csv") }
            guard case .rejected(let problems, _, let rows) = error else { Issue.record("expected rejection"); return }
            #expect(rows == 4)
            #expect(problems.map(\.line) == [3, 4, 5])
            #expect(problems.map(\.field) == ["clk", "clk", "record_id"])
            #expect(problems[0].reason.contains("not valid base64"))
            #expect(problems[1].reason.contains("bits long; this hub links 1024-bit encodings"))
            #expect(try await EncodedRecordRepository(database: app.db as! any SQLDatabase).all().isEmpty)
        }
    }

    @Test(arguments: TestStore.available)
    func aClearTextFileSentAsEncodedIsRefusedAtTheHeader(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let clear = "record_id,given_names,family_name\nP-1,Jane,Doe\n"
            let error = await #expect(throws: ImportFailure.self) { try await run(app, "test-police", clear, name: "enc.csv") }
            guard case .rejected(let problems, _, _) = error else { Issue.record("expected rejection"); return }
            #expect(problems.contains { $0.line == 1 && $0.field == "given_names" && $0.reason.contains("unknown column") })
            #expect(problems.contains { $0.field == "clk" && $0.reason == "required column is missing" })
        }
    }

    @Test func base64IsCheckedWithoutFoundation() {
        let validator = ExtractValidator(kind: .encodedPeople, file: "f.csv", today: CalendarDate(dayNumber: 20_000),
                                         sharable: [.identity], partnerName: "P", encodingBits: 16)
        #expect(validator.validate(["record_id": "r", "clk": "AAE="], line: 2) == .valid(.encodedPerson(
            EncodedPersonRow(recordID: "r", clk: "AAE=", partnerPersonID: nil))))
        for broken in ["AAE", "A=AE", "AA!E", "AAEAAA=="] {
            guard case .rejected(let problems) = validator.validate(["record_id": "r", "clk": broken], line: 2) else {
                Issue.record("\(broken) accepted"); continue
            }
            #expect(problems.map(\.field) == ["clk"])
        }
    }
}
