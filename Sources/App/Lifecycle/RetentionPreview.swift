import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// `/retention/batches/:id`: what a disposal batch would remove, record by
/// record, for the owning partner's records officer to check before
/// approving. Which records they read is the access decision's rule 5r
/// (purpose `retention`): their own partner's records that are due, never
/// another partner's, which stay counts. The DPO (or anyone the rule does
/// not admit) sees the counts alone. Every decision is audited.
enum RetentionPreview {
    /// At most this many records are listed; the rest are counted.
    static let listed = 200

    struct Row: Encodable {
        var kind: String
        var record: String
        var detail: String
    }

    struct Page: Encodable {
        var caller: CallerView
        var id: String
        var reference: String
        var partner: String
        var recordClass: String
        var status: String
        var summary: String
        var others: String
        var rows: [Row]
        /// Records of the batch not listed: beyond the limit, not linked to a person, or refused by the access decision.
        var notListed: Int
        var refusal: String?
    }

    static func page(req: Request) async throws -> View {
        guard let key = req.parameters.get("id"), let batch = try await RetentionRepository(database: try req.sql()).batch(key) else {
            throw Abort(.notFound, reason: "no such disposal batch")
        }
        let caller = try req.caller
        if caller.roles.contains(Role.records.rawValue), !caller.roles.contains(Role.dpo.rawValue) {
            _ = try await req.requireCapability(.approveDisposal, partner: batch.partner, subject: "disposal:\(batch.reference)")
        } else {
            _ = try await req.requireCapability(.manageRetention, subject: "disposal:\(batch.reference)")
        }
        let sql = try req.sql()
        let disposal = DisposalRepository(database: sql)
        let records = try await disposal.items(of: batch.id, table: "source_records")
        let events = try await disposal.items(of: batch.id, table: "events")
        var total = records.count + events.count
        for table in ["involvements", "notifications", "access_requests"] { total += try await disposal.items(of: batch.id, table: table).count }

        // Each record in the batch is due (that is how it came to be in one), held by the batch's partner.
        var candidates: [(person: UUID, item: HeldItem, row: Row)] = []
        for slice in stride(from: 0, to: min(records.count, listed), by: 500).map({ Array(records[$0..<min($0 + 500, min(records.count, listed))]) }) {
            for row in try await sql.select().columns("person_id", "record_id", "family_name", "given_names", "date_of_birth")
                .from("source_records").where("id", .in, slice).all() {
                guard let person = try row.decode(column: "person_id", as: UUID?.self) else { continue }
                let name = [try row.decode(column: "given_names", as: String?.self), try row.decode(column: "family_name", as: String?.self)]
                    .compactMap { $0 }.joined(separator: " ")
                candidates.append((person, HeldItem(heldBy: batch.partner, category: .identity, dueForDisposal: true),
                                   Row(kind: "Person record", record: try row.decode(column: "record_id", as: String.self),
                                       detail: name + (try row.decode(column: "date_of_birth", as: String?.self).map { ", born \($0)" } ?? ""))))
            }
        }
        let room = max(0, listed - candidates.count)
        for slice in stride(from: 0, to: min(events.count, room), by: 500).map({ Array(events[$0..<min($0 + 500, min(events.count, room))]) }) {
            for row in try await sql.raw("""
                SELECT s.person_id AS person_id, e.record_id AS record_id, e.category AS category, e.data_category AS data_category,
                       e.occurred_on AS occurred_on
                FROM events e JOIN source_records s ON s.partner_slug = e.partner_slug AND s.record_id = e.person_record_id
                WHERE e.id IN (\(binds: slice))
                """).all() {
                guard let person = try row.decode(column: "person_id", as: UUID?.self) else { continue }
                let category = try row.decode(column: "data_category", as: String?.self).flatMap(DataCategory.init(rawValue:)) ?? .identity
                candidates.append((person, HeldItem(heldBy: batch.partner, category: category, dueForDisposal: true),
                                   Row(kind: "Event", record: try row.decode(column: "record_id", as: String.self),
                                       detail: "\(try row.decode(column: "category", as: String?.self) ?? "") on \(try row.decode(column: "occurred_on", as: String?.self) ?? "")")))
            }
        }
        let byPerson = Dictionary(grouping: candidates.indices, by: { candidates[$0].person })
        let decisions = byPerson.isEmpty ? [:] : try await req.decideAccess(
            to: byPerson.mapValues { $0.map { candidates[$0].item } }, resource: "disposal-preview:\(batch.reference)", purpose: .retention)
        var rows: [Row] = []
        var refusal: String?
        for (person, indices) in byPerson {
            guard let decision = decisions[person] else { continue }
            for (position, index) in indices.enumerated() {
                if decision.decisions[position].isPermitted { rows.append(candidates[index].row) }
                else { refusal = refusal ?? decision.decisions[position].denial?.description }
            }
        }
        rows.sort { ($0.kind, $0.record) < ($1.kind, $1.record) }
        let preview = try? JSONDecoder().decode(RetentionService.Preview.self, from: Data(batch.preview.utf8))
        return try await req.renderPage("retention-batch", Page(
            caller: .init(caller), id: batch.id.uuidString, reference: batch.reference, partner: batch.partner,
            recordClass: RecordClass.label(batch.recordClass), status: batch.status.rawValue,
            summary: "\(total) record(s) in the batch" + (preview.map { ", about \($0.people) people; \($0.goingWith) derived record(s) go with them" } ?? ""),
            others: preview.map { $0.otherControllersRecords == 0 ? "None"
                : "\($0.otherControllersRecords) record(s) held by \($0.otherControllers.joined(separator: ", ")): counts only, each follows its own controller's schedule" } ?? "",
            rows: rows, notListed: total - rows.count, refusal: refusal))
    }
}
