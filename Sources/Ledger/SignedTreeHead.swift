import Foundation

/// A ``TreeHead`` with an Ed25519 signature and the identifier of the key that made it.
///
/// Use it to publish the ledger's state: store each one you make, send it to partners, and
/// check ones you receive with ``TreeHeadVerifier``. It is `Codable` for JSON, with the root,
/// key identifier and signature as base64 strings:
/// `{"treeSize":3,"rootHash":"…","timestamp":1700000000000,"keyID":"…","signature":"…"}`.
///
/// Contract: ``signature`` is Ed25519 over ``TreeHead/signedBytes``; ``keyID`` is the first
/// 8 bytes of SHA-256 of the raw 32-byte public key and must match the verifier's key, so a
/// head signed with one key is never accepted under another. The value here is untrusted
/// until a verifier has said otherwise.
public struct SignedTreeHead: Hashable, Sendable {
    /// The signed state.
    public let head: TreeHead
    /// Identifies the signing key (see ``TreeHeadVerifier/keyID``).
    public let keyID: [UInt8]
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    public init(head: TreeHead, keyID: [UInt8], signature: [UInt8]) {
        self.head = head
        self.keyID = keyID
        self.signature = signature
    }

    /// Shorthand for `head.treeSize`.
    public var treeSize: Int { head.treeSize }
    /// Shorthand for `head.rootHash`.
    public var rootHash: MerkleHash { head.rootHash }
    /// Shorthand for `head.timestamp`.
    public var timestamp: Int64 { head.timestamp }
}

extension SignedTreeHead: Codable {
    private enum CodingKeys: String, CodingKey {
        case treeSize, rootHash, timestamp, keyID, signature
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let head = try TreeHead(
            treeSize: c.decode(Int.self, forKey: .treeSize),
            rootHash: c.decode(MerkleHash.self, forKey: .rootHash),
            timestamp: c.decode(Int64.self, forKey: .timestamp)
        )
        func bytes(_ key: CodingKeys) throws -> [UInt8] {
            guard let data = Data(base64Encoded: try c.decode(String.self, forKey: key)) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c, debugDescription: "\(key.stringValue) must be base64 text.")
            }
            return Array(data)
        }
        self.init(head: head, keyID: try bytes(.keyID), signature: try bytes(.signature))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(head.treeSize, forKey: .treeSize)
        try c.encode(head.rootHash, forKey: .rootHash)
        try c.encode(head.timestamp, forKey: .timestamp)
        try c.encode(Data(keyID).base64EncodedString(), forKey: .keyID)
        try c.encode(Data(signature).base64EncodedString(), forKey: .signature)
    }
}
