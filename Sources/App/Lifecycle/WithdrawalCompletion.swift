import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// Completes a partner's withdrawal once it takes effect: what the partner
/// shared is returned to it (written as extracts in the import format, then
/// removed) or disposed of, as the agreement's withdrawal says, each with a
/// disposal certificate in the ledger.
///
/// Contract: nothing happens before the effective date, nor while the
/// partner is still party to another agreement in force (it still shares
/// under that one); a partner with nothing left in the store is done.
enum WithdrawalCompletion {
    struct Completed: Sendable {
        var partner: String
        var agreement: String
        var returnedTo: String?
        var outcome: DisposalOutcome
    }

    static func run(_ app: Application, on day: CalendarDate, dataDirectory: String, now: Date = Date()) async throws -> [Completed] {
        let sql = try AppRunner.sql(app)
        let agreements = try await AgreementRepository(database: sql).all()
        var completed: [Completed] = []
        for stored in agreements {
            guard stored.agreement.status == .withdrawn, let withdrawal = stored.agreement.withdrawal, withdrawal.effectiveOn <= day else { continue }
            let partner = withdrawal.partner
            let stillParty = agreements.contains { other in
                other.id != stored.id && other.agreement.isInForce(on: day)
                    && (other.agreement.owner == partner || other.agreement.flows.contains { $0.from == partner || $0.to.contains(partner) })
            }
            guard !stillParty else { continue }
            let records = try await sql.select().column("id").from("source_records").where("partner_slug", .equal, partner).all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            guard !records.isEmpty else { continue }
            var returnedTo: String?
            if (withdrawal.sharedData ?? .returnToPartner) == .returnToPartner {
                let folder = URL(fileURLWithPath: dataDirectory).appendingPathComponent("returns")
                    .appendingPathComponent("\(partner)-\(day)")
                try await export(partner: partner, to: folder, sql: sql)
                returnedTo = folder.path
            }
            let outcome = try await DisposalService(app: app).dispose(
                sourceRecords: records, partner: partner, reason: .withdrawal(agreement: stored.id.uuidString),
                approvedBy: DisposalApprover(userID: "withdrawal", partner: partner,
                                             role: returnedTo == nil ? "agreement: dispose on withdrawal" : "agreement: returned to the partner, then removed"),
                now: now)
            completed.append(Completed(partner: partner, agreement: stored.agreement.title, returnedTo: returnedTo, outcome: outcome))
        }
        return completed
    }

    static let people = ["record_id", "given_names", "family_name", "other_names", "date_of_birth", "sex", "address_line", "postcode", "uprn",
                         "address_from", "phone", "email", "nhs_number", "cro_number", "related_record_id", "relationship"]
    static let events = ["record_id", "person_record_id", "category", "role", "occurred_on", "summary", "location_postcode", "nature",
                         "opinion_basis", "last_action_on", "closed_on"]
    static let involvements = ["record_id", "person_record_id", "service", "work_type", "worker_name", "worker_role", "lead_professional",
                               "contact", "started_on", "ended_on"]

    /// Writes the partner's people, events and involvements as the import
    /// format's CSV files (`docs/import-format.md`), so it can load them elsewhere.
    static func export(partner: String, to folder: URL, sql: any SQLDatabase) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, table, columns) in [("people", "source_records", people), ("events", "events", events), ("involvements", "involvements", involvements)] {
            var text = columns.joined(separator: ",") + "\r\n"
            for row in try await sql.select().columns(columns.map { SQLIdentifier($0) }).from(table).where("partner_slug", .equal, partner)
                .orderBy("record_id").all() {
                text += try columns.map { column in
                    if column == "lead_professional" { return (try row.decode(column: column, as: Bool?.self) ?? false) ? "yes" : "no" }
                    return field(try row.decode(column: column, as: String?.self) ?? "")
                }.joined(separator: ",") + "\r\n"
            }
            // Readable by the service account only: it is the partner's personal data until handed over.
            guard FileManager.default.createFile(atPath: folder.appendingPathComponent("\(file).csv").path, contents: Data(text.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw Abort(.internalServerError, reason: "cannot write the return for \(partner) in \(folder.path): check the data directory is writable")
            }
        }
    }

    /// RFC 4180 quoting only: the partner's own values go back exactly as they came.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
