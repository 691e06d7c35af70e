/// Evidence that one entry is in the ledger at a given tree size (RFC 9162 §2.1.3).
///
/// Use it to answer "is entry m really in the log you signed?": make one with
/// ``init(leafIndex:treeSize:leaves:)`` from the stored leaf hashes, send it with the entry,
/// and the recipient checks it with ``verify(leafHash:rootHash:)`` against a signed head of
/// the same size. `Codable` (hashes as base64) so it can travel as JSON.
///
/// Contract: for a tree of ``treeSize`` leaves, ``auditPath`` lists the sibling subtree
/// hashes from the leaf up to the root (the RFC's PATH(m, D[n])). Verification follows the
/// RFC 9162 §2.1.3.2 algorithm and rejects a path that is too short, too long or wrong.
public struct InclusionProof: Hashable, Sendable, Codable {
    /// 0-based index of the leaf (the entry's sequence number).
    public let leafIndex: Int
    /// Size of the tree the proof is for.
    public let treeSize: Int
    /// Sibling hashes from the leaf up to the root.
    public let auditPath: [MerkleHash]

    public init(leafIndex: Int, treeSize: Int, auditPath: [MerkleHash]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.auditPath = auditPath
    }

    /// Builds the proof for leaf `leafIndex` in the tree of the first `treeSize` leaves.
    ///
    /// Cost: O(treeSize) hashes with the default ``LeafHashSource/subtreeHash(of:)``.
    /// - Throws: ``LedgerError/Code-swift.enum/invalidTreeSize`` unless
    ///   `0 <= leafIndex < treeSize <= leaves.count`; ask for a size you have a signed head for.
    public init(leafIndex: Int, treeSize: Int, leaves: some LeafHashSource) throws(LedgerError) {
        guard 0 <= leafIndex, leafIndex < treeSize, treeSize <= leaves.count else {
            throw LedgerError(
                .invalidTreeSize,
                "Cannot prove leaf \(leafIndex) in a tree of size \(treeSize) from \(leaves.count) stored leaves; "
                    + "the leaf must be below the tree size and the tree size at most the number stored."
            )
        }
        // Walk down from the root, noting the sibling at each split; the path runs upwards.
        var siblings: [MerkleHash] = []
        var low = 0
        var high = treeSize
        while high - low > 1 {
            let split = low + MerkleTree.largestPowerOfTwo(below: high - low)
            if leafIndex < split {
                siblings.append(leaves.subtreeHash(of: split..<high))
                high = split
            } else {
                siblings.append(leaves.subtreeHash(of: low..<split))
                low = split
            }
        }
        self.init(leafIndex: leafIndex, treeSize: treeSize, auditPath: siblings.reversed())
    }

    /// The root hash this proof implies for `leafHash`, or nil when the path has the wrong shape.
    public func impliedRootHash(forLeafHash leafHash: MerkleHash) -> MerkleHash? {
        guard 0 <= leafIndex, leafIndex < treeSize else { return nil }
        // RFC 9162 §2.1.3.2: fn is the leaf's index, sn the last index, at each level.
        var fn = leafIndex
        var sn = treeSize - 1
        var root = leafHash
        for sibling in auditPath {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                root = MerkleTree.nodeHash(sibling, root)
                if fn & 1 == 0 {
                    // Right edge of a smaller subtree: climb until we are a right child again.
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                root = MerkleTree.nodeHash(root, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? root : nil
    }

    /// Checks that the leaf with `leafHash` is at ``leafIndex`` in the tree whose root is `rootHash`.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidProof`` when it is not; the entry, the
    ///   proof or the root is not what it claims to be.
    public func verify(leafHash: MerkleHash, rootHash: MerkleHash) throws(LedgerError) {
        guard impliedRootHash(forLeafHash: leafHash) == rootHash else {
            throw LedgerError(
                .invalidProof,
                "The inclusion proof for leaf \(leafIndex) in a tree of size \(treeSize) does not lead to root \(rootHash); "
                    + "do not trust the entry, and fetch a fresh proof for this signed head."
            )
        }
    }

    /// Checks that `entry` is in the tree described by `head` (sizes and index must match).
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidProof`` on any mismatch.
    public func verify(entry: AuditEntry, in head: TreeHead) throws(LedgerError) {
        guard entry.sequence == leafIndex, head.treeSize == treeSize else {
            throw LedgerError(
                .invalidProof,
                "The proof is for leaf \(leafIndex) of \(treeSize), but the entry is \(entry.sequence) and the head has size \(head.treeSize); "
                    + "ask for the proof that matches this entry and head."
            )
        }
        try verify(leafHash: entry.leafHash, rootHash: head.rootHash)
    }

    /// Checks that `entry` is in the ledger described by a signed head, signature included.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidSignature`` when the head is not genuine,
    ///   ``LedgerError/Code-swift.enum/invalidProof`` when the entry is not proven in it.
    public func verify(entry: AuditEntry, in signed: SignedTreeHead, verifier: TreeHeadVerifier) throws(LedgerError) {
        try verify(entry: entry, in: verifier.verify(signed))
    }

    /// Whether the proof verifies (see ``verify(leafHash:rootHash:)``).
    public func isValid(leafHash: MerkleHash, rootHash: MerkleHash) -> Bool {
        impliedRootHash(forLeafHash: leafHash) == rootHash
    }
}
