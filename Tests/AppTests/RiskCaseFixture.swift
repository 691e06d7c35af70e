@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// A partnership whose police share with the council for risk panels too,
/// and a small world of synthetic people for the MATAC, ASB case review,
/// IOM and exploitation tests.
enum RiskCaseFixture {
    static var partnership: PartnershipDescription {
        var description = TestPartnership.description
        description.agreements[0].flows[0].purposes.append(.riskPanels)
        return description
    }

    static func daysAgo(_ days: Int) -> String {
        CalendarDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400) - days).description
    }

    static func load(_ app: Application, _ partner: String, _ kind: ImportKind, _ text: String) async throws {
        _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
            .run(partner: partner, kind: kind, source: .data(Data(text.utf8), name: "\(kind.rawValue).csv", contentType: nil))
    }

    /// Dale Marsh lives with Kim Marsh; Lee Stone, at another address, is
    /// named as his former partner. Dale's domestic abuse against Kim 10
    /// days ago and against Lee 600 days ago makes him a serial perpetrator.
    /// Ross Tate has one incident 300 days ago.
    static func perpetrators(_ app: Application) async throws -> (dale: UUID, ross: UUID) {
        try await load(app, "test-police", .people, """
            record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,related_record_id,relationship
            D-1,Dale,Marsh,1984-02-02,M,4 Elm Close,SS14 2AB,,
            D-2,Kim,Marsh,1986-05-05,F,4 Elm Close,SS14 2AB,D-1,partner
            D-3,Lee,Stone,1988-08-08,F,9 Park Row,SS16 5CD,D-1,partner
            D-4,Ross,Tate,1975-01-01,M,1 Quay Street,SS17 7EF,,
            """)
        try await load(app, "test-police", .events, """
            record_id,person_record_id,category,role,occurred_on,summary
            X-1,D-1,domestic-abuse,perpetrator,\(daysAgo(10)),Incident at home
            X-2,D-2,domestic-abuse,victim,\(daysAgo(10)),Incident at home
            X-3,D-1,domestic-abuse,perpetrator,\(daysAgo(400)),Incident at home
            X-4,D-1,domestic-abuse,perpetrator,\(daysAgo(600)),Incident at a former address
            X-5,D-3,domestic-abuse,victim,\(daysAgo(601)),Incident at a former address
            X-6,D-4,domestic-abuse,perpetrator,\(daysAgo(300)),Incident
            """)
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let sql = app.db as! any SQLDatabase
        func person(_ record: String) async throws -> UUID {
            try #require(try await sql.select().column("person_id").from("source_records").where("partner_slug", .equal, "test-police")
                .where("record_id", .equal, record).first()?.decode(column: "person_id", as: UUID?.self))
        }
        return (try await person("D-1"), try await person("D-4"))
    }

    static func auditCount(_ app: Application, resourceLike pattern: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource LIKE \(bind: pattern)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
