import Foundation
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
        let description = try PartnershipLoader.read(path: directory.appendingPathComponent("partnership.json").path)
        try await PartnershipLoader.load(description, into: app)
        let summaries = try await ExtractGenerator.importAll(from: directory, partners: description.partners.map(\.slug),
                                                             into: app)
        let rows = summaries.reduce(0) { $0 + $1.loaded }
        print("Loaded \(rows) rows from \(summaries.count) extracts.")
        let linked = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "demo-loader")
        print("Linked \(linked.records) source records into \(linked.people) people (\(linked.forReview) pairs for review).")
        let users = UserRepository(database: try AppRunner.sql(app))
        for account in DemoAccounts.all {
            let hash = try await app.password.async.hash(DemoAccounts.password)
            _ = try await users.create(username: account.username, displayName: account.displayName,
                                       partner: account.partner, roles: account.roles, passwordHash: hash, at: Date())
        }
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
