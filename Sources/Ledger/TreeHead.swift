/// The state of the ledger at one moment: how many entries, their Merkle root, and when.
///
/// Use it as the thing you sign (``TreeHeadSigner``) and publish to partners; a partner keeps
/// the signed copies they receive and later asks for a ``ConsistencyProof`` that a newer head
/// extends the older one.
///
/// Contract: ``signedBytes`` is the exact, versioned byte string an Ed25519 signature covers:
/// the ASCII tag `lantern-tree-head-v1`, then tree size (UInt64 big-endian), timestamp (Int64
/// big-endian, milliseconds since the Unix epoch, supplied by the caller) and the 32-byte root.
/// Any change to any field changes those bytes.
public struct TreeHead: Hashable, Sendable, Codable {
    /// Number of entries (leaves) covered.
    public let treeSize: Int
    /// RFC 9162 Merkle Tree Hash of those entries.
    public let rootHash: MerkleHash
    /// Milliseconds since the Unix epoch when the head was made; passed in, never read here.
    public let timestamp: Int64

    public init(treeSize: Int, rootHash: MerkleHash, timestamp: Int64) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timestamp = timestamp
    }

    /// Domain-separation tag so a tree-head signature can never be replayed as anything else.
    static let signatureTag = Array("lantern-tree-head-v1".utf8)

    /// The bytes covered by the signature.
    public var signedBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: Self.signatureTag.count + 48)
        writer.append(raw: Self.signatureTag)
        writer.append(UInt64(truncatingIfNeeded: treeSize))
        writer.append(UInt64(bitPattern: timestamp))
        rootHash.withUnsafeBytes { writer.append(raw: $0) }
        return writer.bytes
    }
}
