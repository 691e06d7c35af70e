/// Re-checks a stored ledger from its entries, their stored leaf hashes and its signed heads.
///
/// Use it for `audit verify` and scheduled integrity checks. Feed stored entries in storage
/// order, one at a time with ``check(_:)`` (so a million entries never sit in memory), then
/// call ``finish()``; or hand a whole sequence to ``verify(_:signedHeads:verifier:)``.
///
/// Contract: it reports the *first* problem in storage order and stops there:
/// - a head whose signature fails: ``LedgerFault/invalidSignature(treeSize:)`` (before any entry);
/// - an entry whose fields do not hash to its stored leaf hash: ``LedgerFault/altered(sequence:)``;
/// - a sequence gap: ``LedgerFault/missing(expected:found:)``, or
///   ``LedgerFault/reordered(expected:found:)`` when the entry after the gap goes back
///   (one entry of look-ahead) or a sequence repeats or goes backwards;
/// - a root that differs from a signed head of that size: ``LedgerFault/rootMismatch(treeSize:lastVerifiedTreeSize:)``;
/// - fewer entries than the largest signed head covers: ``LedgerFault/truncated(treeSize:entriesFound:)``.
/// Memory is O(log n + number of heads).
public struct LedgerVerifier: Sendable {
    private var tree = CompactMerkleTree()
    private let heads: [TreeHead]
    private var nextHead = 0
    private var verifiedTreeSize = 0
    private var headsVerified = 0
    private var entriesChecked = 0
    private var fault: LedgerFault?
    /// A sequence gap awaiting one more entry to tell "missing" from "reordered".
    private var pendingGap: (expected: Int, found: Int)?

    /// Prepares to verify against `signedHeads` (any order), checking each signature with `verifier`.
    public init(signedHeads: [SignedTreeHead], verifier: TreeHeadVerifier) {
        var firstBadSignature: Int?
        for signed in signedHeads where !verifier.isValid(signed) {
            firstBadSignature = min(firstBadSignature ?? signed.treeSize, signed.treeSize)
        }
        self.init(trustedHeads: signedHeads.map(\.head))
        if let size = firstBadSignature {
            fault = .invalidSignature(treeSize: size)
        }
    }

    /// Prepares to verify against heads whose authenticity you have already established.
    public init(trustedHeads: [TreeHead]) {
        // A negative size cannot describe any ledger; such a head could never be matched.
        heads = trustedHeads.filter { $0.treeSize >= 0 }.sorted { $0.treeSize < $1.treeSize }
        checkHeadsAtCurrentSize()
    }

    /// True once a fault has been found; further input is ignored.
    public var hasFailed: Bool { fault != nil }

    /// Checks the next stored entry. Returns false once a fault is known: stop reading then.
    @discardableResult
    public mutating func check(_ stored: StoredAuditEntry) -> Bool {
        guard fault == nil else { return false }
        let sequence = stored.entry.sequence
        if let gap = pendingGap {
            fault = sequence < gap.found
                ? .reordered(expected: gap.expected, found: gap.found)
                : .missing(expected: gap.expected, found: gap.found)
            return false
        }
        entriesChecked += 1
        guard stored.entry.leafHash == stored.leafHash else {
            fault = .altered(sequence: sequence)
            return false
        }
        let expected = tree.size
        if sequence > expected {
            pendingGap = (expected, sequence)
            return true
        }
        if sequence < expected {
            fault = .reordered(expected: expected, found: sequence)
            return false
        }
        tree.append(leafHash: stored.leafHash)
        checkHeadsAtCurrentSize()
        return fault == nil
    }

    /// Ends verification and reports. Call once, after the last entry.
    public mutating func finish() -> LedgerVerificationReport {
        if fault == nil, let gap = pendingGap {
            fault = .missing(expected: gap.expected, found: gap.found)
        }
        if fault == nil, let largest = heads.last, largest.treeSize > tree.size {
            fault = .truncated(treeSize: largest.treeSize, entriesFound: tree.size)
        }
        return LedgerVerificationReport(
            fault: fault,
            entriesChecked: entriesChecked,
            verifiedTreeSize: verifiedTreeSize,
            headsVerified: headsVerified,
            rootHash: tree.rootHash
        )
    }

    /// Verifies a whole sequence of stored entries, read lazily in order.
    public static func verify(
        _ entries: some Sequence<StoredAuditEntry>,
        signedHeads: [SignedTreeHead],
        verifier: TreeHeadVerifier
    ) -> LedgerVerificationReport {
        var check = LedgerVerifier(signedHeads: signedHeads, verifier: verifier)
        for stored in entries {
            guard check.check(stored) else { break }
        }
        return check.finish()
    }

    /// Verifies entries delivered by an async sequence (a database cursor, a file reader).
    ///
    /// - Throws: only what `entries` throws while reading.
    public static func verify<Entries: AsyncSequence>(
        _ entries: Entries,
        signedHeads: [SignedTreeHead],
        verifier: TreeHeadVerifier
    ) async throws -> LedgerVerificationReport where Entries.Element == StoredAuditEntry {
        var check = LedgerVerifier(signedHeads: signedHeads, verifier: verifier)
        for try await stored in entries {
            guard check.check(stored) else { break }
        }
        return check.finish()
    }

    private mutating func checkHeadsAtCurrentSize() {
        guard nextHead < heads.count, heads[nextHead].treeSize <= tree.size else { return }
        let root = tree.rootHash
        let verifiedBefore = verifiedTreeSize
        while nextHead < heads.count, heads[nextHead].treeSize == tree.size {
            guard heads[nextHead].rootHash == root else {
                fault = .rootMismatch(treeSize: tree.size, lastVerifiedTreeSize: verifiedBefore)
                return
            }
            verifiedTreeSize = tree.size
            headsVerified += 1
            nextHead += 1
        }
    }
}
