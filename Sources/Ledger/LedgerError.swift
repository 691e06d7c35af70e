/// Every failure the ledger can throw, with a stable code and a message that says what to do.
///
/// Use ``code`` to branch (and in tests to match the kind); show ``message`` to the operator.
/// Failures found while *verifying* stored data are not errors but values
/// (``LedgerFault``), because finding tampering is an expected answer, not a crash.
///
/// Contract: codes are stable strings (safe to persist, log and map to HTTP status); messages
/// may be reworded.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. Raw values are stable and never reused.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A hash was not 32 bytes or not valid base64.
        case malformedHash = "ledger.malformed_hash"
        /// An audit entry's field broke a rule (negative sequence, oversized text).
        case invalidEntry = "ledger.invalid_entry"
        /// Canonical entry bytes could not be decoded (wrong version, truncated, bad UTF-8).
        case malformedEntryBytes = "ledger.malformed_entry_bytes"
        /// Appended entries did not carry the next sequence numbers.
        case sequenceOutOfOrder = "ledger.sequence_out_of_order"
        /// A tree size or leaf index was out of range for the request.
        case invalidTreeSize = "ledger.invalid_tree_size"
        /// A saved frontier did not match its tree size.
        case malformedFrontier = "ledger.malformed_frontier"
        /// A signing or verification key was not a valid Ed25519 key.
        case invalidKey = "ledger.invalid_key"
        /// Signing a tree head failed in the crypto library.
        case signingFailed = "ledger.signing_failed"
        /// A signed tree head failed verification (wrong key, altered field, bad signature).
        case invalidSignature = "ledger.invalid_signature"
        /// An inclusion or consistency proof did not verify.
        case invalidProof = "ledger.invalid_proof"
    }

    /// The stable kind of failure.
    public let code: Code
    /// A human explanation including what to do about it.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
