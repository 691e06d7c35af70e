/// An audit entry as read back from storage, with the leaf hash stored beside it.
///
/// Use it to feed ``LedgerVerifier``: build one per row, in the order rows are stored.
///
/// Contract: carries exactly what storage holds; nothing is checked until it is verified.
public struct StoredAuditEntry: Hashable, Sendable {
    /// The entry rebuilt from its stored fields.
    public let entry: AuditEntry
    /// The leaf hash stored when the entry was appended.
    public let leafHash: MerkleHash

    public init(entry: AuditEntry, leafHash: MerkleHash) {
        self.entry = entry
        self.leafHash = leafHash
    }
}
