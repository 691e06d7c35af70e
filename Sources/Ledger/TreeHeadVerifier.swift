import Crypto
import Foundation

/// Checks signed tree heads against the ledger's Ed25519 public key.
///
/// Use it wherever a head is received or reloaded: a partner checking a head we sent,
/// ``LedgerVerifier`` checking stored heads, a CLI `audit verify`. Build it from the 32 raw
/// public key bytes published with the partnership's configuration.
///
/// Contract: ``verify(_:)`` accepts a head only if its key identifier is this key's and the
/// signature is a valid Ed25519 signature over ``TreeHead/signedBytes``; changing the size,
/// root, timestamp, key identifier or signature makes it throw.
public struct TreeHeadVerifier: Hashable, @unchecked Sendable {
    // @unchecked: Curve25519.Signing.PublicKey is an immutable value but swift-crypto does
    // not declare it Sendable. Equality and hashing use the raw bytes.
    private let publicKey: Curve25519.Signing.PublicKey

    /// The raw 32-byte public key.
    public let publicKeyBytes: [UInt8]
    /// First 8 bytes of SHA-256 of ``publicKeyBytes``; names the key inside signed heads.
    public let keyID: [UInt8]

    /// Creates a verifier from the raw 32-byte Ed25519 public key.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidKey`` when the bytes are not a valid
    ///   public key; check you passed the raw key, not PEM or base64 text.
    public init(publicKeyBytes: some ContiguousBytes) throws(LedgerError) {
        let bytes = publicKeyBytes.withUnsafeBytes { Array($0) }
        do {
            publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        } catch {
            throw LedgerError(.invalidKey, "The ledger public key is not a 32-byte raw Ed25519 key; check the published key.")
        }
        self.publicKeyBytes = bytes
        self.keyID = Array(SHA256.hash(data: bytes).prefix(8))
    }

    /// Whether `signature` is this key's signature over a document of `kind`
    /// (see ``TreeHeadSigner/sign(document:_:)``): a disposal certificate, for instance.
    public func isValid(signature: [UInt8], document kind: String, _ text: String) -> Bool {
        publicKey.isValidSignature(signature, for: Array("lantern-document:\(kind)\n\(text)".utf8))
    }

    /// Checks `signed` and returns its head when valid.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidSignature`` when the head was signed by
    ///   another key or any field was changed; treat the head as forged and do not trust it.
    @discardableResult
    public func verify(_ signed: SignedTreeHead) throws(LedgerError) -> TreeHead {
        guard signed.keyID == keyID else {
            throw LedgerError(
                .invalidSignature,
                "The tree head of size \(signed.treeSize) names key \(hex(signed.keyID)), not \(hex(keyID)); "
                    + "verify it with the key that signed it, or reject it."
            )
        }
        guard publicKey.isValidSignature(signed.signature, for: signed.head.signedBytes) else {
            throw LedgerError(
                .invalidSignature,
                "The signature on the tree head of size \(signed.treeSize) does not verify; the head was altered or forged."
            )
        }
        return signed.head
    }

    /// Whether `signed` verifies (see ``verify(_:)``).
    public func isValid(_ signed: SignedTreeHead) -> Bool {
        (try? verify(signed)) != nil
    }

    public static func == (lhs: TreeHeadVerifier, rhs: TreeHeadVerifier) -> Bool {
        lhs.publicKeyBytes == rhs.publicKeyBytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(publicKeyBytes)
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
