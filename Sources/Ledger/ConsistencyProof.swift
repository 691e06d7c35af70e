/// Evidence that a larger tree extends a smaller one without changing it (RFC 9162 §2.1.4).
///
/// Use it when a partner who stored an older signed head receives a newer one: make the proof
/// with ``init(oldSize:newSize:leaves:)`` from the stored leaf hashes, and the partner checks
/// ``verify(old:new:)``. If it passes, every entry the old head covered is still there,
/// unchanged and in the same order. `Codable` (hashes as base64) for JSON.
///
/// Contract: ``path`` is the RFC's PROOF(m, D[n]); it is empty when `oldSize` is 0 or equals
/// `newSize`. Verification follows RFC 9162 §2.1.4.2 and rejects any proof whose length or
/// hashes do not fit the two sizes.
public struct ConsistencyProof: Hashable, Sendable, Codable {
    /// Size of the older tree.
    public let oldSize: Int
    /// Size of the newer tree.
    public let newSize: Int
    /// Subtree hashes linking the two roots.
    public let path: [MerkleHash]

    public init(oldSize: Int, newSize: Int, path: [MerkleHash]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.path = path
    }

    /// Builds the proof that the first `oldSize` leaves are a prefix of the first `newSize`.
    ///
    /// Cost: O(newSize) hashes with the default ``LeafHashSource/subtreeHash(of:)``.
    /// - Throws: ``LedgerError/Code-swift.enum/invalidTreeSize`` unless
    ///   `0 <= oldSize <= newSize <= leaves.count`.
    public init(oldSize: Int, newSize: Int, leaves: some LeafHashSource) throws(LedgerError) {
        guard 0 <= oldSize, oldSize <= newSize, newSize <= leaves.count else {
            throw LedgerError(
                .invalidTreeSize,
                "Cannot prove size \(oldSize) consistent with size \(newSize) from \(leaves.count) stored leaves; "
                    + "the old size must not exceed the new, nor the new the number stored."
            )
        }
        guard 0 < oldSize, oldSize < newSize else {
            self.init(oldSize: oldSize, newSize: newSize, path: [])
            return
        }
        // SUBPROOF(m, D[low:high], b) walked from the top: each level contributes the subtree
        // the old tree does not explain; the proof lists them bottom-up.
        var upward: [MerkleHash] = []
        var low = 0
        var high = newSize
        var m = oldSize
        var oldTreeIsWholeSubtree = true
        while m != high - low {
            let split = MerkleTree.largestPowerOfTwo(below: high - low)
            if m <= split {
                upward.append(leaves.subtreeHash(of: (low + split)..<high))
                high = low + split
            } else {
                upward.append(leaves.subtreeHash(of: low..<(low + split)))
                low += split
                m -= split
                oldTreeIsWholeSubtree = false
            }
        }
        if !oldTreeIsWholeSubtree {
            upward.append(leaves.subtreeHash(of: low..<high))
        }
        self.init(oldSize: oldSize, newSize: newSize, path: upward.reversed())
    }

    /// Whether the proof links `oldRoot` (of ``oldSize`` leaves) to `newRoot` (of ``newSize``).
    public func isValid(oldRoot: MerkleHash, newRoot: MerkleHash) -> Bool {
        guard 0 <= oldSize, oldSize <= newSize else { return false }
        if oldSize == 0 { return path.isEmpty && oldRoot == MerkleTree.emptyRootHash }
        if oldSize == newSize { return path.isEmpty && oldRoot == newRoot }
        guard !path.isEmpty else { return false }

        // RFC 9162 §2.1.4.2. When the old tree is a perfect subtree its root is the proof's
        // implicit first element.
        var remaining = path[...]
        let seed: MerkleHash
        if oldSize.nonzeroBitCount == 1 {
            seed = oldRoot
        } else {
            seed = remaining.removeFirst()
        }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = seed
        var sr = seed
        for c in remaining {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree.nodeHash(c, fr)
                sr = MerkleTree.nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }

    /// Checks the proof against two roots.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidProof`` when the newer tree does not
    ///   extend the older one: treat the ledger as forked or rewritten and escalate.
    public func verify(oldRoot: MerkleHash, newRoot: MerkleHash) throws(LedgerError) {
        guard isValid(oldRoot: oldRoot, newRoot: newRoot) else {
            throw LedgerError(
                .invalidProof,
                "The ledger of size \(newSize) is not proven to extend the ledger of size \(oldSize); "
                    + "the log may have been rewritten: keep both signed heads as evidence and escalate."
            )
        }
    }

    /// The partner's check in one call: both heads are signed by `verifier`'s key and the
    /// newer extends the older.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidSignature`` when either head is not
    ///   genuine, ``LedgerError/Code-swift.enum/invalidProof`` when the proof does not link them.
    public func verify(old: SignedTreeHead, new: SignedTreeHead, verifier: TreeHeadVerifier) throws(LedgerError) {
        try verify(old: verifier.verify(old), new: verifier.verify(new))
    }

    /// Checks the proof against two tree heads (verify their signatures first).
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidProof`` when the sizes do not match the
    ///   heads or the proof does not link their roots.
    public func verify(old: TreeHead, new: TreeHead) throws(LedgerError) {
        guard old.treeSize == oldSize, new.treeSize == newSize else {
            throw LedgerError(
                .invalidProof,
                "The proof is for sizes \(oldSize) to \(newSize) but the heads have sizes \(old.treeSize) and \(new.treeSize); "
                    + "ask for the proof between these two heads."
            )
        }
        try verify(oldRoot: old.rootHash, newRoot: new.rootHash)
    }
}
