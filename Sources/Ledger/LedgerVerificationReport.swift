/// What ``LedgerVerifier`` found: how far the ledger checked out, and the first fault if any.
///
/// Use ``fault`` to decide (nil means intact) and the counts to report coverage: entries
/// beyond ``verifiedTreeSize`` matched their leaf hashes but no signed head covers them yet.
///
/// Contract: when ``fault`` is nil, every entry `0..<entriesChecked` matched its stored leaf
/// hash and sequence, ``rootHash`` is the root of all of them, and every signed head matched.
public struct LedgerVerificationReport: Hashable, Sendable {
    /// The first fault, or nil when the ledger is intact.
    public let fault: LedgerFault?
    /// Entries read before stopping (all of them when intact).
    public let entriesChecked: Int
    /// Largest signed head size whose root was matched.
    public let verifiedTreeSize: Int
    /// Number of signed heads whose roots were matched.
    public let headsVerified: Int
    /// Root of the entries that passed (all entries when intact).
    public let rootHash: MerkleHash

    /// True when no fault was found.
    public var isIntact: Bool { fault == nil }
}
