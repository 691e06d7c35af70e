import EncodedLinkage
import Foundation
import SQLKit
import Storage
import Vapor

/// The demo's one encoded partner record: the domestic abuse service sends an encoding of a
/// person on the demo practitioner's caseload whom it holds no clear-text record of, and the
/// hub matches it, so the person's page shows "also known to" the service. The secret is
/// made for the run and forgotten, as a partnership's would never be stored.
enum KnownToPartnersDemo {
    static let partner = "harrowmere-da-service"
    static let caseloadOf = "harrowmere-childrens-services"

    static func seed(_ app: Application, sql: any SQLDatabase) async throws {
        guard let root = try? ResourceLocation.find().root,
              let data = FileManager.default.contents(atPath: root + "docs/pprl-schema-weighted.json"),
              let schema = try? LinkageSchema.parse(data) else {
            print("Encoded linkage demo skipped: docs/pprl-schema-weighted.json was not found beside the resources.")
            return
        }
        let linkage = LinkageRepository(database: sql)
        var chosen: LinkableRecord?
        for person in try await DemoCaseload.people(workedWithBy: caseloadOf, on: sql).sorted(by: { $0.uuidString < $1.uuidString }) {
            let records = try await linkage.records(person: person)
            if !records.contains(where: { $0.partner == partner }), let first = records.first(where: { $0.dateOfBirth != nil }) {
                chosen = first
                break
            }
        }
        guard let chosen else { return }
        let secret = [UInt8].random(count: 32)
        let values = ValueStandardiser.lantern(schema).standardise(EncodedMatchRun.values(of: chosen, for: schema))
        let clk = try CLKEncoder(schema: schema, secret: secret).encode(values)
        do {
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "demo-loader")
                .run(partner: partner, kind: .encodedPeople,
                     source: .data(Data("record_id,clk\nHDAS-E-1,\(clk.base64)\n".utf8), name: "encoded.csv", contentType: nil))
        } catch {
            print("Encoded linkage demo skipped: the domestic abuse service's encoded extract was refused (\(error)).")
            return
        }
        let summary = try await EncodedMatchRun(schema: schema, secret: secret, threshold: nil, actor: "demo-loader")
            .run(database: app.db, audit: app.auditTrail)
        print("Encoded linkage: \(summary.matches) of \(summary.encodedRecords) encoded records matched to a person.")
    }
}
