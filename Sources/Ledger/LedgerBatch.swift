/// The result of preparing a batch of audit entries: what to write, and the ledger state after.
///
/// Use it for durable batching: ``AuditLedger/prepare(_:)`` gives you one; write the entries,
/// their ``leafHashes`` and the new ``tree`` (and, if you sign per batch, a head for
/// ``treeSize`` / ``rootHash``) in one database transaction; after the commit succeeds, call
/// ``AuditLedger/commit(_:)``. If the transaction fails, drop the batch: the ledger is unchanged.
///
/// Contract: `leafHashes[i]` is the leaf hash of the entry with sequence
/// `firstSequence + i`; ``tree`` is the ledger's tree with all of them appended.
public struct LedgerBatch: Hashable, Sendable {
    /// Sequence of the first entry in the batch (the ledger size before it).
    public let firstSequence: Int
    /// One leaf hash per entry, in order.
    public let leafHashes: [MerkleHash]
    /// The tree after the batch; persist it to resume without rereading leaves.
    public let tree: CompactMerkleTree

    /// Ledger size after the batch.
    public var treeSize: Int { tree.size }
    /// Merkle root after the batch.
    public var rootHash: MerkleHash { tree.rootHash }
    /// The entries' sequence numbers.
    public var sequences: Range<Int> { firstSequence..<(firstSequence + leafHashes.count) }

    /// The head to sign for the state after this batch.
    public func treeHead(timestamp: Int64) -> TreeHead {
        TreeHead(treeSize: tree.size, rootHash: tree.rootHash, timestamp: timestamp)
    }
}
