@testable import App
import EncodedLinkage
import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// A partnership with a refuge that sends only encodings: Jane Doe is known to the police
/// and the council in clear text and to the refuge as an encoded record; the refuge
/// also knows someone the store does not.
enum KnownToPartnersFixture {
    static let secret = Array("known-to-partners-test-secret-0123".utf8)

    static let partnership: PartnershipDescription = {
        var description = TestPartnership.description
        description.partners.append(Partner(slug: "test-refuge", name: "Test Refuge", kind: .domesticAbuseService))
        description.agreements.append(Agreement(
            title: "Refuge encoded linkage", owner: "test-refuge", status: .approved,
            inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!, reviewDue: CalendarDate(year: 2030, month: 1, day: 1)!,
            approvedBy: "Test Board", approvedOn: CalendarDate(year: 2019, month: 12, day: 1)!,
            // Involvement to the council for its practitioners and analysts: that the refuge knows
            // someone shows only to those (the police are not told).
            flows: [Flow(from: "test-refuge", to: ["test-council"], categories: [.identity, .involvement],
                         purposes: [.caseFinding, .holisticView], art6: .publicTask, format: .requestAndResponse)]))
        return description
    }()

    static func schema() throws -> LinkageSchema {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/pprl-schema-weighted.json")
        return try LinkageSchema.parse(try Data(contentsOf: url))
    }

    /// The refuge's extract, encoded as `lantern encode` would (standardised first).
    static func refugeExtract() throws -> String {
        let schema = try schema()
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        let standardiser = ValueStandardiser.lantern(schema)
        func clk(_ row: [String]) throws -> String { try encoder.encode(standardiser.standardise(row)).base64 }
        let jane = ["", "Jane", "Doe", "14/03/1985", "F", "12 Mill Rd", "", "ss14 1dl"]
        let stranger = ["", "Zofia", "Quinn", "1979-11-02", "F", "8 Orchard Way", "", "SS16 4QP"]
        return "record_id,clk\nR-1,\(try clk(jane))\nR-2,\(try clk(stranger))\n"
    }

    /// Police and council people linked, the refuge's encodings imported; Jane's person id.
    static func world(_ app: Application) async throws -> (jane: UUID, household: UUID?) {
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                    linker: app.storeLinker, alerts: app.accessGate)
        for (partner, text) in [("test-police", ImportTests.people), ("test-council", DisclosureMatrixTests.councilJane)] {
            _ = try await service.run(partner: partner, kind: .people, source: .data(Data(text.utf8), name: "p.csv", contentType: nil))
        }
        _ = try await service.run(partner: "test-refuge", kind: .encodedPeople,
                                  source: .data(Data(try refugeExtract().utf8), name: "enc.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let sql = app.db as! any SQLDatabase
        let jane = try await sql.select().distinct().column("person_id").from("source_records").where("given_names", .equal, "Jane")
            .all().compactMap { try $0.decode(column: "person_id", as: UUID?.self) }
        precondition(jane.count == 1, "the police and council records of Jane are one person")
        let household = try await sql.select().column("household_id").from("household_members").where("person_id", .equal, jane[0])
            .first()?.decode(column: "household_id", as: UUID.self)
        return (jane[0], household)
    }

    static func match(_ app: Application, secret: [UInt8] = secret) async throws -> EncodedMatchRun.Summary {
        try await EncodedMatchRun(schema: try schema(), secret: secret, threshold: nil, actor: "test")
            .run(database: app.db, audit: app.auditTrail, at: Date(timeIntervalSince1970: 1_780_000_000))
    }
}
