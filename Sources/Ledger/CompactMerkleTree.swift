/// An append-only RFC 9162 Merkle tree that keeps only its right edge.
///
/// Use it in the writer: append each new leaf hash and read ``rootHash`` whenever you sign a
/// tree head. It holds the roots of the perfect subtrees along the right edge (the
/// "frontier"): one hash per set bit of ``size``, so at most 64 hashes whatever the size,
/// and appending costs amortised one node hash. Persist it (it is `Codable`) next to the
/// last batch so a restart resumes without reading every leaf; or rebuild it from stored
/// leaf hashes with ``init(leafHashes:)``.
///
/// Contract: after appending leaf hashes `l0 ... l(n-1)`, ``rootHash`` equals
/// `MerkleTree.rootHash(of: [l0, ..., l(n-1)])` and ``size`` is n. The tree never shrinks.
public struct CompactMerkleTree: Hashable, Sendable {
    /// The number of leaves appended so far.
    public private(set) var size: Int
    /// Roots of the perfect subtrees on the right edge, largest (leftmost) first. Entry i
    /// covers 2^b leaves where b is the i-th highest set bit of ``size``.
    public private(set) var frontier: [MerkleHash]

    /// An empty tree.
    public init() {
        self.size = 0
        self.frontier = []
        frontier.reserveCapacity(Int.bitWidth)
    }

    /// Restores a tree from a saved ``size`` and ``frontier``.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/malformedFrontier`` when the frontier does not
    ///   hold exactly one hash per set bit of `size`; restore both values from the same save.
    public init(size: Int, frontier: [MerkleHash]) throws(LedgerError) {
        guard size >= 0, frontier.count == size.nonzeroBitCount else {
            throw LedgerError(
                .malformedFrontier,
                "A tree of size \(size) needs \(max(size, 0).nonzeroBitCount) frontier hashes, got \(frontier.count); "
                    + "save and restore size and frontier together, or rebuild from the stored leaf hashes."
            )
        }
        self.size = size
        self.frontier = frontier
    }

    /// Builds the tree from every leaf hash in order (O(n) time, O(log n) memory).
    public init(leafHashes: some Sequence<MerkleHash>) {
        self.init()
        for leaf in leafHashes { append(leafHash: leaf) }
    }

    /// The Merkle Tree Hash of all leaves appended so far (O(log n)).
    public var rootHash: MerkleHash {
        guard var root = frontier.last else { return MerkleTree.emptyRootHash }
        // MTH splits at the largest power of two, which is exactly the frontier's
        // left-to-right decomposition, so fold from the right.
        var index = frontier.count - 1
        while index > 0 {
            index -= 1
            root = MerkleTree.nodeHash(frontier[index], root)
        }
        return root
    }

    /// Appends one leaf hash (as made by ``MerkleTree/leafHash(_:)``).
    public mutating func append(leafHash: MerkleHash) {
        var carry = leafHash
        var remaining = size
        // Each trailing one bit of `size` is a full subtree of the same height as `carry`:
        // merge them, like binary addition.
        while remaining & 1 == 1 {
            carry = MerkleTree.nodeHash(frontier.removeLast(), carry)
            remaining >>= 1
        }
        frontier.append(carry)
        size += 1
    }

    /// Appends leaf hashes in order.
    public mutating func append(contentsOf leafHashes: some Sequence<MerkleHash>) {
        for leaf in leafHashes { append(leafHash: leaf) }
    }

    /// The current size and root, ready to sign.
    public func treeHead(timestamp: Int64) -> TreeHead {
        TreeHead(treeSize: size, rootHash: rootHash, timestamp: timestamp)
    }
}

extension CompactMerkleTree: Codable {
    private enum CodingKeys: String, CodingKey {
        case size
        case frontier
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(Int.self, forKey: .size)
        let frontier = try container.decode([MerkleHash].self, forKey: .frontier)
        do {
            try self.init(size: size, frontier: frontier)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .frontier, in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(size, forKey: .size)
        try container.encode(frontier, forKey: .frontier)
    }
}
