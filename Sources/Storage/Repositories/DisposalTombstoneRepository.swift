import Foundation
import SQLKit

/// What a tombstone says about a disposed record: when, and under what.
public struct DisposalTombstone: Sendable, Hashable {
    public var batch: String
    public var rule: String
    public var disposedOn: String

    public init(batch: String, rule: String, disposedOn: String) {
        self.batch = batch
        self.rule = rule
        self.disposedOn = disposedOn
    }
}

/// Tombstones of disposed records: a keyed hash of the partner and its own
/// record id (never the record or any personal data), so a later extract
/// that still carries the record cannot bring it back.
public struct DisposalTombstoneRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Keeps a tombstone for each tag; a tag already kept stays as it was.
    public func add(_ tags: [(tag: String, partner: String)], _ tombstone: DisposalTombstone) async throws {
        for start in stride(from: 0, to: tags.count, by: 500) {
            var insert = sql.insert(into: "disposal_tombstones").columns("tag", "partner_slug", "batch_reference", "rule", "disposed_on")
            for entry in tags[start..<min(start + 500, tags.count)] {
                insert = insert.values(entry.tag, entry.partner, tombstone.batch, tombstone.rule, tombstone.disposedOn)
            }
            try await insert.ignoringConflicts().run()
        }
    }

    /// The tombstones among `tags`, by tag.
    public func find(_ tags: [String]) async throws -> [String: DisposalTombstone] {
        var found: [String: DisposalTombstone] = [:]
        for start in stride(from: 0, to: tags.count, by: 1_000) {
            for row in try await sql.select().columns("tag", "batch_reference", "rule", "disposed_on").from("disposal_tombstones")
                .where("tag", .in, Array(tags[start..<min(start + 1_000, tags.count)])).all() {
                found[try row.decode(column: "tag", as: String.self)] = DisposalTombstone(
                    batch: try row.decode(column: "batch_reference", as: String.self), rule: try row.decode(column: "rule", as: String.self),
                    disposedOn: try row.decode(column: "disposed_on", as: String.self))
            }
        }
        return found
    }
}
