import Foundation
import LanternDomain
import SQLKit

/// What one import did, kept with the records it wrote.
public struct ImportSummary: Sendable, Hashable, Codable {
    public var batchID: UUID
    public var partner: String
    public var kind: ImportKind
    public var file: String
    public var loaded: Int
    public var updated: Int
    public var rejected: Int
    public var seconds: Double
    /// Rows naming a record the partnership disposed of: skipped, each with its file, line and reason.
    public var notReimported: [ImportProblem] = []

    public init(batchID: UUID, partner: String, kind: ImportKind, file: String,
                loaded: Int, updated: Int, rejected: Int, seconds: Double) {
        self.batchID = batchID
        self.partner = partner
        self.kind = kind
        self.file = file
        self.loaded = loaded
        self.updated = updated
        self.rejected = rejected
        self.seconds = seconds
    }

    public var description: String {
        let rate = seconds > 0 ? Int(Double(loaded + updated + rejected) / seconds) : 0
        let skipped = notReimported.isEmpty ? "" : ", \(notReimported.count) not re-imported (disposed of)"
        return "\(file): \(loaded) loaded, \(updated) updated, \(rejected) rejected\(skipped) in "
            + String(format: "%.2f", seconds) + " s (\(rate) rows/s)"
    }
}

/// Records import batches.
public struct ImportBatchRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func record(_ summary: ImportSummary, startedAt: Date, finishedAt: Date) async throws {
        try await sql.insert(into: "import_batches")
            .columns("id", "partner_slug", "kind", "file_name", "started_at", "finished_at", "loaded", "updated", "rejected")
            .values(summary.batchID, summary.partner, summary.kind.rawValue, summary.file, startedAt, finishedAt,
                    summary.loaded, summary.updated, summary.rejected)
            .run()
    }
}
