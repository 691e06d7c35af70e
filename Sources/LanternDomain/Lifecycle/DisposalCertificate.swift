/// The evidence that a disposal happened: which batch, whose records of
/// which class, how many of each, under which rule version, approved by whom
/// (an account id and role, never a name of the people disposed of), when
/// and how. It holds no personal data, so it can stay in the audit ledger for ever.
///
/// Use ``canonicalText`` for the bytes to sign and to store. Contract: the
/// same certificate always gives the same text (keys in a fixed order).
public struct DisposalCertificate: Sendable, Hashable, Codable {
    public var batch: String
    public var partner: String
    public var recordClass: String
    /// Why: `retention` (a rule's period ran out), `erasure` (a rights request), `withdrawal` (a partner left).
    public var reason: String
    /// The retention schedule version, for a retention batch.
    public var ruleVersion: Int?
    /// Rows removed, by table (`source_records`, `events`, `event_versions`, `people`, ...).
    public var counts: [String: Int]
    /// Items the batch named but a legal hold kept.
    public var held: Int
    public var approvedBy: String
    public var approverRole: String
    public var disposedAt: String
    public var method: String

    public init(batch: String, partner: String, recordClass: String, reason: String, ruleVersion: Int?, counts: [String: Int],
                held: Int, approvedBy: String, approverRole: String, disposedAt: String, method: String) {
        self.batch = batch
        self.partner = partner
        self.recordClass = recordClass
        self.reason = reason
        self.ruleVersion = ruleVersion
        self.counts = counts
        self.held = held
        self.approvedBy = approvedBy
        self.approverRole = approverRole
        self.disposedAt = disposedAt
        self.method = method
    }

    /// `key=value` lines in a fixed order: what is signed and what the ledger keeps.
    public var canonicalText: String {
        var lines = ["certificate=lantern-disposal-v1", "batch=\(batch)", "partner=\(partner)", "class=\(recordClass)",
                     "reason=\(reason)", "rule-version=\(ruleVersion.map(String.init) ?? "-")"]
        for (table, count) in counts.sorted(by: { $0.key < $1.key }) { lines.append("removed.\(table)=\(count)") }
        lines += ["held=\(held)", "approved-by=\(approvedBy)", "approver-role=\(approverRole)", "disposed-at=\(disposedAt)",
                  "method=\(method)"]
        return lines.joined(separator: "\n")
    }

    /// Rows removed in all.
    public var total: Int { counts.values.reduce(0, +) }
}
