/// The writer's view of the audit ledger: its size and Merkle frontier, and the append rules.
///
/// Use one per ledger in the process that writes audit entries (keep it inside the storage
/// layer's actor so appends are serialised). Number new entries from ``nextSequence``;
/// append one at a time with ``append(_:)``, or durably in batches with ``prepare(_:)`` then
/// ``commit(_:)`` once the database transaction has committed. Restore it at start-up from the
/// persisted ``tree`` (``init(tree:)``). It never holds the entries or their leaf hashes.
///
/// Contract: entries must carry consecutive sequence numbers starting at ``nextSequence``;
/// anything else is refused and leaves the ledger unchanged. After appending entries
/// `e0 ... e(n-1)`, ``rootHash`` is the RFC 9162 root of their leaf hashes.
public struct AuditLedger: Hashable, Sendable, Codable {
    /// The Merkle frontier; persist it with each batch.
    public private(set) var tree: CompactMerkleTree

    /// An empty ledger.
    public init() {
        tree = CompactMerkleTree()
    }

    /// A ledger resumed from a persisted tree.
    public init(tree: CompactMerkleTree) {
        self.tree = tree
    }

    /// Number of entries appended.
    public var size: Int { tree.size }
    /// The sequence number the next entry must carry.
    public var nextSequence: Int { tree.size }
    /// The current Merkle root.
    public var rootHash: MerkleHash { tree.rootHash }

    /// The current head, ready to sign with ``TreeHeadSigner``.
    public func treeHead(timestamp: Int64) -> TreeHead {
        tree.treeHead(timestamp: timestamp)
    }

    /// Appends one entry and returns its leaf hash (store it with the entry).
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/sequenceOutOfOrder`` unless
    ///   `entry.sequence == nextSequence`; renumber from ``nextSequence`` and retry.
    @discardableResult
    public mutating func append(_ entry: AuditEntry) throws(LedgerError) -> MerkleHash {
        try Self.checkSequence(entry, expected: tree.size)
        let leaf = entry.leafHash
        tree.append(leafHash: leaf)
        return leaf
    }

    /// Computes leaf hashes and the resulting tree for `entries` without changing the ledger.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/sequenceOutOfOrder`` unless the entries are
    ///   numbered `nextSequence, nextSequence + 1, ...`; renumber them and retry.
    public func prepare(_ entries: some Collection<AuditEntry>) throws(LedgerError) -> LedgerBatch {
        var next = tree
        var leaves: [MerkleHash] = []
        leaves.reserveCapacity(entries.count)
        for entry in entries {
            try Self.checkSequence(entry, expected: next.size)
            let leaf = entry.leafHash
            leaves.append(leaf)
            next.append(leafHash: leaf)
        }
        return LedgerBatch(firstSequence: tree.size, leafHashes: leaves, tree: next)
    }

    /// Adopts a prepared batch once it is durably stored.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/sequenceOutOfOrder`` when the batch was not
    ///   prepared from the ledger's current state (another batch was committed in between);
    ///   roll back its transaction and prepare it again.
    public mutating func commit(_ batch: LedgerBatch) throws(LedgerError) {
        guard batch.firstSequence == tree.size else {
            throw LedgerError(
                .sequenceOutOfOrder,
                "The batch starts at sequence \(batch.firstSequence) but the ledger is at \(tree.size); "
                    + "prepare batches one at a time and commit each before preparing the next."
            )
        }
        tree = batch.tree
    }

    /// Appends a batch in one step (prepare, then commit), returning it for storage.
    @discardableResult
    public mutating func append(batch entries: some Collection<AuditEntry>) throws(LedgerError) -> LedgerBatch {
        let batch = try prepare(entries)
        tree = batch.tree
        return batch
    }

    private static func checkSequence(_ entry: AuditEntry, expected: Int) throws(LedgerError) {
        guard entry.sequence == expected else {
            throw LedgerError(
                .sequenceOutOfOrder,
                "Entry has sequence \(entry.sequence) but the ledger expects \(expected); "
                    + "number entries from the ledger's nextSequence, one apart, in order."
            )
        }
    }
}
