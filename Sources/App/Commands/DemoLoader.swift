import Foundation
import SQLKit
import LanternDomain
import Storage
import Synthetic
import Vapor

/// Generates the fictional partnership and loads it through the same paths a
/// real partnership uses: `partnership.json`, then every partner's extracts.
struct DemoLoader {
    let app: Application
    let config: LanternConfiguration

    func load(people: Int, seed: UInt64) async throws {
        let directory = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("demo-extracts")
        try? FileManager.default.removeItem(at: directory)
        try ExtractGenerator.write(people: people, seed: seed, to: directory, referenceDate: ExtractGenerator.defaultReferenceDate)
        try RiskCaseDemo.addExtracts(to: directory)
        try ExploitationDemo.addExtracts(to: directory)
        let description = try PartnershipLoader.read(path: directory.appendingPathComponent("partnership.json").path)
        try await PartnershipLoader.load(description, into: app)
        let summaries = try await ExtractGenerator.importAll(from: directory, partners: description.partners.map(\.slug),
                                                             into: app)
        let rows = summaries.reduce(0) { $0 + $1.loaded }
        print("Loaded \(rows) rows from \(summaries.count) extracts.")
        let linked = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "demo-loader")
        print("Linked \(linked.records) source records into \(linked.people) people (\(linked.forReview) pairs for review).")
        let sql = try AppRunner.sql(app)
        let users = UserRepository(database: sql)
        for account in DemoAccounts.all {
            let hash = try await app.password.async.hash(DemoAccounts.password)
            let id = try await users.create(username: account.username, displayName: account.displayName,
                                            partner: account.partner, roles: account.roles, passwordHash: hash, at: Date())
            guard account.roles.contains("practitioner") else { continue }
            // Practitioners are the allocated workers of the people their own
            // service is working with, so their need to know is visible in the demo.
            let caseload = try await DemoCaseload.people(workedWithBy: account.partner, on: sql)
            try await CaseRelationshipRepository(database: sql).add(user: id, people: caseload, kind: "allocated-worker", at: Date())
        }
        try await PanelDemo.seed(app: app, sql: sql)
        try await ExploitationDemo.seed(app, sql: sql)
        try await KnownToPartnersDemo.seed(app, sql: sql)
        if let dpo = try await users.find(username: "dpo"), let practitioner = DemoAccounts.all.first(where: { $0.username == "practitioner" }) {
            try await DemoRights.load(on: sql, audit: app.auditTrail, dpo: dpo.id, dpoName: dpo.displayName, practitionerPartner: practitioner.partner, now: Date())
        }
        try await RetentionDemo.seed(app, today: CalendarDate.today(at: Date()))
        try await RiskCaseDemo.seed(app, sql: sql)
    }
}

/// The people a partner's services are working with (open involvements).
enum DemoCaseload {
    static func people(workedWithBy partner: String, on sql: any SQLDatabase) async throws -> [UUID] {
        let rows = try await sql.raw("""
            SELECT DISTINCT s.person_id AS person_id FROM involvements i
            JOIN source_records s ON s.partner_slug = i.partner_slug AND s.record_id = i.person_record_id
            WHERE i.partner_slug = \(bind: partner) AND i.ended_on IS NULL AND s.person_id IS NOT NULL
            """).all()
        return try rows.map { try $0.decode(column: "person_id", as: UUID.self) }
    }
}

/// Writes a generated partnership to a directory and imports it.
enum ExtractGenerator {
    static let defaultReferenceDate = SyntheticDate(year: 2026, month: 10, day: 31)!

    static func write(people: Int, seed: UInt64, to directory: URL, referenceDate: SyntheticDate) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var writer = DirectoryWriter(directory: directory)
        PartnershipGenerator(people: people, seed: seed, referenceDate: referenceDate).generate(into: &writer)
        try writer.finish()
    }

    /// Imports people first (events and involvements refer to them), partner by partner.
    static func importAll(from directory: URL, partners: [String], into app: Application) async throws -> [ImportSummary] {
        var summaries: [ImportSummary] = []
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "demo-loader", linker: app.storeLinker)
        for kind in ImportKind.allCases {
            for partner in partners {
                let path = directory.appendingPathComponent(partner).appendingPathComponent("\(kind.rawValue).csv").path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                summaries.append(try await service.run(partner: partner, kind: kind, source: try .file(path)))
            }
        }
        return summaries
    }
}
