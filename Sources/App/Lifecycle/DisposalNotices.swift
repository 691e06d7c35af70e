import Fluent
import Foundation
import Ledger
import SQLKit
import Storage

/// Tells the partners a disposed record was disclosed to that it is gone:
/// each of their users the audit ledger shows was shown it gets one in-app
/// notice per batch. The notice says no more than they already saw and less:
/// which partner's record, the rule and the day, never whose record it was
/// (the seeds' protocol: recipients of shared copies get a disposal notice).
///
/// Use ``send(people:batch:partner:partnerName:rule:on:)`` once a batch is
/// carried out. Contract: the owning partner's own users are not told (they
/// disposed of it); a reader for the subject's own rights request is not a
/// recipient; each partner told is audited, by batch, with no person's id.
struct DisposalNotices {
    static let rule = "record-disposed"
    let sql: any SQLDatabase
    let audit: AuditTrail
    let database: any Database

    /// Returns how many partners were told.
    @discardableResult
    func send(people: [UUID], batch: StoredDisposalBatch, partnerName: String, rule: String, on day: String,
              approver: DisposalApprover, at now: Date) async throws -> Int {
        guard !people.isEmpty else { return 0 }
        let readers = try await DisposalRepository(database: sql).readers(of: people, besides: batch.partner)
        guard !readers.isEmpty else { return 0 }
        let users = UserRepository(database: sql)
        let notifications = NotificationRepository(database: sql)
        let message = "A record from \(partnerName) that you were shown in Lantern has been disposed of on \(day) under \(rule) "
            + "(disposal \(batch.reference)). It is no longer held; delete any copy you made outside Lantern."
        var records: [AuditRecord] = []
        for (partner, group) in Dictionary(grouping: readers, by: \.partner).sorted(by: { $0.key < $1.key }) {
            var told = 0
            for reader in group.sorted(by: { $0.user < $1.user }) {
                // The account must still work for the partner it read for.
                guard let id = UUID(uuidString: reader.user), let user = try await users.find(id: id), user.partner == partner else { continue }
                if try await notifications.addOnce(user: id, about: batch.id, rule: Self.rule, message: message, link: "/notifications", at: now) {
                    told += 1
                }
            }
            records.append(AuditRecord(actor: approver.userID, partner: approver.partner, purpose: "governance", action: .write,
                                       subject: "disposal:\(batch.reference)", resource: "disposal notice to:\(partner) users:\(told)",
                                       decision: .permit, reason: "a record disclosed to \(partner) was disposed of under \(rule)"))
        }
        try await audit.recordAlone(records, on: database, at: now)
        return records.count
    }
}
