import Crypto
import Foundation

/// Signs tree heads with the ledger's Ed25519 private key.
///
/// Use one in the writer (the process that appends to the ledger) to sign a ``TreeHead``
/// after each durable batch or on a schedule. Load the key from the secret store as 32 raw
/// bytes; the key is never generated or read from disk here. Hand partners the matching
/// ``verifier`` (or its ``TreeHeadVerifier/publicKeyBytes``).
///
/// Contract: signatures are Ed25519 over ``TreeHead/signedBytes``; signing is deterministic
/// where the underlying library is (BoringSSL is), but verifiers must not rely on that.
public struct TreeHeadSigner: @unchecked Sendable {
    // @unchecked: Curve25519.Signing.PrivateKey is an immutable value (its key bytes are
    // never mutated after init) but swift-crypto does not declare it Sendable.
    private let privateKey: Curve25519.Signing.PrivateKey

    /// The verifier for heads this signer makes.
    public let verifier: TreeHeadVerifier

    /// Creates a signer from the 32-byte raw Ed25519 private key (seed).
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/invalidKey`` when the bytes are not a valid
    ///   key; check the secret holds the 32-byte raw seed, not PEM or base64 text.
    public init(privateKeyBytes: some ContiguousBytes) throws(LedgerError) {
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKeyBytes)
        } catch {
            throw LedgerError(.invalidKey, "The ledger signing key is not a 32-byte raw Ed25519 key; check the configured secret.")
        }
        verifier = try TreeHeadVerifier(publicKeyBytes: privateKey.publicKey.rawRepresentation)
    }

    /// Signs `head`.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/signingFailed`` if the crypto library fails;
    ///   retry, and if it persists check the key material.
    public func sign(_ head: TreeHead) throws(LedgerError) -> SignedTreeHead {
        do {
            let signature = try privateKey.signature(for: head.signedBytes)
            return SignedTreeHead(head: head, keyID: verifier.keyID, signature: Array(signature))
        } catch {
            throw LedgerError(.signingFailed, "Signing the tree head of size \(head.treeSize) failed (\(error)); retry.")
        }
    }

    /// A key for `purpose` derived from the ledger key (HKDF-SHA256), so a
    /// keyed hash Lantern keeps (a disposal tombstone) needs no second secret
    /// and cannot be recomputed from the database alone.
    public func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: privateKey.rawRepresentation),
                               info: Array("lantern-derived:\(purpose)".utf8), outputByteCount: 32)
    }

    /// Signs a document the ledger vouches for (a disposal certificate), with a
    /// prefix naming the kind of document so the signature can never pass for a tree head's.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/signingFailed`` if the crypto library fails; retry.
    public func sign(document kind: String, _ text: String) throws -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: Array("lantern-document:\(kind)\n\(text)".utf8)))
        } catch {
            throw LedgerError(.signingFailed, "Signing the \(kind) failed (\(error)); retry.")
        }
    }
}
