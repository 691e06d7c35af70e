/// The first sign of tampering (or damage) found when verifying a stored ledger.
///
/// Use it to tell the operator precisely where to look; it is a value, not an error, because
/// finding tampering is a legitimate answer of ``LedgerVerifier``.
///
/// Contract: sequences are 0-based entry numbers; tree sizes count entries.
public enum LedgerFault: Hashable, Sendable, CustomStringConvertible {
    /// The entry's fields no longer hash to the leaf hash stored with it. `sequence` is the
    /// sequence the entry carries as stored.
    case altered(sequence: Int)
    /// Entry `expected` is absent: the next stored entry is `found` (and later entries follow on).
    case missing(expected: Int, found: Int)
    /// Entries are out of order: at the place of `expected` the store holds `found`
    /// (a later entry that is followed by an earlier one, or an earlier one or a duplicate).
    case reordered(expected: Int, found: Int)
    /// A signed head covers `treeSize` entries but the store ends after `entriesFound`.
    case truncated(treeSize: Int, entriesFound: Int)
    /// Every entry matched its stored leaf hash, but the root of the first `treeSize` entries
    /// differs from the signed head for that size: something in
    /// `lastVerifiedTreeSize..<treeSize` was altered, inserted or removed along with its hash.
    case rootMismatch(treeSize: Int, lastVerifiedTreeSize: Int)
    /// A stored tree head's signature does not verify with the ledger's key.
    case invalidSignature(treeSize: Int)

    public var description: String {
        switch self {
        case .altered(let sequence):
            return "Entry \(sequence) was altered: its fields do not match its stored leaf hash."
        case .missing(let expected, let found):
            return "Entry \(expected) is missing: the next stored entry is \(found)."
        case .reordered(let expected, let found):
            return "Entries are out of order: entry \(found) is stored where \(expected) belongs."
        case .truncated(let treeSize, let entriesFound):
            return "The ledger was cut short: a signed head covers \(treeSize) entries but only \(entriesFound) are stored."
        case .rootMismatch(let treeSize, let lastVerifiedTreeSize):
            return "The first \(treeSize) entries do not match their signed head; "
                + "the change lies between entry \(lastVerifiedTreeSize) and entry \(treeSize - 1)."
        case .invalidSignature(let treeSize):
            return "The signed head for size \(treeSize) has an invalid signature."
        }
    }
}
