import Ledger
import Testing

@Suite("Verifying a stored ledger")
struct LedgerVerifierTests {
    /// 50 entries with signed heads after entries 10, 20, ... 50.
    static func ledger(count: Int = 50, headEvery: Int = 10) throws -> ([StoredAuditEntry], [SignedTreeHead]) {
        var ledger = AuditLedger()
        var heads: [SignedTreeHead] = []
        var stored: [StoredAuditEntry] = []
        for entry in LedgerFixtures.entries(count) {
            stored.append(StoredAuditEntry(entry: entry, leafHash: try ledger.append(entry)))
            if ledger.size % headEvery == 0 {
                heads.append(try LedgerFixtures.signer.sign(ledger.treeHead(timestamp: Int64(ledger.size))))
            }
        }
        return (stored, heads)
    }

    static func verify(_ stored: [StoredAuditEntry], _ heads: [SignedTreeHead]) -> LedgerVerificationReport {
        LedgerVerifier.verify(stored, signedHeads: heads, verifier: LedgerFixtures.signer.verifier)
    }

    @Test("an untouched ledger is intact and every head is matched")
    func intact() throws {
        let (stored, heads) = try Self.ledger()
        let report = Self.verify(stored, heads.reversed())
        #expect(report.isIntact)
        #expect(report.entriesChecked == 50)
        #expect(report.verifiedTreeSize == 50)
        #expect(report.headsVerified == 5)
        #expect(report.rootHash == heads.last?.rootHash)
    }

    @Test("entries past the last signed head are checked but reported as not yet covered")
    func unsignedTail() throws {
        let (stored, heads) = try Self.ledger(count: 57)
        let report = Self.verify(stored, heads)
        #expect(report.isIntact)
        #expect(report.entriesChecked == 57)
        #expect(report.verifiedTreeSize == 50)
    }

    @Test("an edited entry is named by its sequence")
    func altered() throws {
        var (stored, heads) = try Self.ledger()
        stored[17] = StoredAuditEntry(entry: LedgerFixtures.entry(17, reason: "edited"), leafHash: stored[17].leafHash)
        stored[30] = StoredAuditEntry(entry: LedgerFixtures.entry(30, reason: "edited"), leafHash: stored[30].leafHash)
        let report = Self.verify(stored, heads)
        #expect(report.fault == .altered(sequence: 17))
        #expect(report.verifiedTreeSize == 10)
        #expect(report.entriesChecked == 18)
    }

    @Test("an edit with a recomputed leaf hash is caught by the signed root after it")
    func alteredWithHash() throws {
        var (stored, heads) = try Self.ledger()
        let forged = LedgerFixtures.entry(23, reason: "edited")
        stored[23] = StoredAuditEntry(entry: forged, leafHash: forged.leafHash)
        #expect(Self.verify(stored, heads).fault == .rootMismatch(treeSize: 30, lastVerifiedTreeSize: 20))
    }

    @Test("a removed entry is named, with the entry found in its place")
    func missing() throws {
        var (stored, heads) = try Self.ledger()
        stored.remove(at: 17)
        #expect(Self.verify(stored, heads).fault == .missing(expected: 17, found: 18))
    }

    @Test("an entry removed just before the end is missing, not reordered")
    func missingBeforeEnd() throws {
        var (stored, heads) = try Self.ledger()
        stored.remove(at: 48)
        #expect(Self.verify(stored, heads).fault == .missing(expected: 48, found: 49))
    }

    @Test("two swapped entries are reported as reordered at the first")
    func reordered() throws {
        var (stored, heads) = try Self.ledger()
        stored.swapAt(17, 18)
        #expect(Self.verify(stored, heads).fault == .reordered(expected: 17, found: 18))
    }

    @Test("a duplicated entry is reported as reordered")
    func duplicated() throws {
        var (stored, heads) = try Self.ledger()
        stored.insert(stored[12], at: 13)
        #expect(Self.verify(stored, heads).fault == .reordered(expected: 13, found: 12))
    }

    @Test("entries cut from the end are reported against the signed size")
    func truncated() throws {
        var (stored, heads) = try Self.ledger()
        stored.removeLast(3)
        #expect(Self.verify(stored, heads).fault == .truncated(treeSize: 50, entriesFound: 47))
        #expect(Self.verify([], heads).fault == .truncated(treeSize: 50, entriesFound: 0))
    }

    @Test("a head with a bad signature is reported before any entry")
    func badSignature() throws {
        var (stored, heads) = try Self.ledger()
        heads[2] = try LedgerFixtures.otherSigner.sign(heads[2].head)
        stored.remove(at: 3)
        #expect(Self.verify(stored, heads).fault == .invalidSignature(treeSize: 30))
    }

    @Test("a signed head whose root does not match is reported at its size")
    func forgedHead() throws {
        let (stored, heads) = try Self.ledger()
        let forged = TreeHead(treeSize: 40, rootHash: heads[1].rootHash, timestamp: 1)
        let allHeads = heads + [try LedgerFixtures.signer.sign(forged)]
        #expect(Self.verify(stored, allHeads).fault == .rootMismatch(treeSize: 40, lastVerifiedTreeSize: 30))
        #expect(Self.verify(stored, allHeads.reversed()).fault == .rootMismatch(treeSize: 40, lastVerifiedTreeSize: 30))
        let empty = try LedgerFixtures.signer.sign(TreeHead(treeSize: 0, rootHash: heads[0].rootHash, timestamp: 1))
        #expect(Self.verify(stored, [empty]).fault == .rootMismatch(treeSize: 0, lastVerifiedTreeSize: 0))
    }

    @Test("streaming one entry at a time stops at the first fault")
    func incremental() throws {
        var (stored, heads) = try Self.ledger()
        stored[5] = StoredAuditEntry(entry: stored[5].entry, leafHash: stored[6].leafHash)
        var verifier = LedgerVerifier(signedHeads: heads, verifier: LedgerFixtures.signer.verifier)
        var fed = 0
        for entry in stored {
            fed += 1
            guard verifier.check(entry) else { break }
        }
        #expect(fed == 6)
        #expect(verifier.hasFailed)
        #expect(verifier.finish().fault == .altered(sequence: 5))
    }

    @Test("an async sequence of entries is verified the same way")
    func asyncSource() async throws {
        var (stored, heads) = try Self.ledger()
        stored.remove(at: 40)
        let stream = AsyncStream<StoredAuditEntry> { continuation in
            for entry in stored { continuation.yield(entry) }
            continuation.finish()
        }
        let report = try await LedgerVerifier.verify(stream, signedHeads: heads, verifier: LedgerFixtures.signer.verifier)
        #expect(report.fault == .missing(expected: 40, found: 41))
        #expect(report.verifiedTreeSize == 40)
    }

    @Test("faults read as sentences an operator can act on")
    func descriptions() {
        #expect(LedgerFault.altered(sequence: 17).description.contains("Entry 17 was altered"))
        #expect(LedgerFault.rootMismatch(treeSize: 30, lastVerifiedTreeSize: 20).description.contains("between entry 20 and entry 29"))
    }
}
