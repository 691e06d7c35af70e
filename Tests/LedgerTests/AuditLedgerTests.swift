import Foundation
import Ledger
import Testing

@Suite("Appending to the audit ledger")
struct AuditLedgerTests {
    @Test("single appends return leaf hashes and keep the root equal to the recursive MTH")
    func singleAppends() throws {
        var ledger = AuditLedger()
        var leaves: [MerkleHash] = []
        for entry in LedgerFixtures.entries(25) {
            #expect(ledger.nextSequence == entry.sequence)
            leaves.append(try ledger.append(entry))
            #expect(ledger.rootHash == MerkleTree.rootHash(of: leaves))
        }
        #expect(leaves == LedgerFixtures.entries(25).map(\.leafHash))
        #expect(ledger.size == 25)
    }

    @Test("a batch gives its leaf hashes and the new size and root")
    func batch() throws {
        let entries = LedgerFixtures.entries(40)
        var ledger = AuditLedger()
        try ledger.append(batch: entries[0..<15])
        let batch = try ledger.prepare(entries[15..<40])
        #expect(ledger.size == 15, "prepare must not change the ledger")
        #expect(batch.firstSequence == 15)
        #expect(batch.sequences == 15..<40)
        #expect(batch.leafHashes == entries[15..<40].map(\.leafHash))
        #expect(batch.treeSize == 40)
        #expect(batch.rootHash == MerkleTree.rootHash(of: entries.map(\.leafHash)))
        #expect(batch.treeHead(timestamp: 5) == TreeHead(treeSize: 40, rootHash: batch.rootHash, timestamp: 5))
        try ledger.commit(batch)
        #expect(ledger.size == 40)
        #expect(ledger.rootHash == batch.rootHash)
    }

    @Test("an empty batch changes nothing")
    func emptyBatch() throws {
        var ledger = AuditLedger()
        try ledger.append(batch: LedgerFixtures.entries(3))
        let before = ledger
        let batch = try ledger.append(batch: [AuditEntry]())
        #expect(batch.leafHashes.isEmpty)
        #expect(ledger == before)
    }

    @Test("out-of-order sequences are refused and leave the ledger unchanged")
    func sequenceChecks() throws {
        var ledger = AuditLedger()
        try ledger.append(batch: LedgerFixtures.entries(5))
        let before = ledger
        let gap = [LedgerFixtures.entry(5), LedgerFixtures.entry(7)]
        let repeated = [LedgerFixtures.entry(4)]
        for entries in [gap, repeated] {
            let error = #expect(throws: LedgerError.self) { try ledger.append(batch: entries) }
            #expect(error?.code == .sequenceOutOfOrder)
            #expect(ledger == before)
        }
        let single = #expect(throws: LedgerError.self) { try ledger.append(LedgerFixtures.entry(6)) }
        #expect(single?.code == .sequenceOutOfOrder)
        #expect(ledger == before)
    }

    @Test("a batch prepared before another commit is refused")
    func staleBatch() throws {
        var ledger = AuditLedger()
        let first = try ledger.prepare(LedgerFixtures.entries(3))
        let stale = try ledger.prepare(LedgerFixtures.entries(2))
        try ledger.commit(first)
        let error = #expect(throws: LedgerError.self) { try ledger.commit(stale) }
        #expect(error?.code == .sequenceOutOfOrder)
        #expect(ledger.size == 3)
    }

    @Test("a ledger resumed from its saved tree continues the same root")
    func resume() throws {
        let entries = LedgerFixtures.entries(30)
        var ledger = AuditLedger()
        let batch = try ledger.append(batch: entries[0..<19])
        let saved = try JSONEncoder().encode(batch.tree)
        var resumed = AuditLedger(tree: try JSONDecoder().decode(CompactMerkleTree.self, from: saved))
        try resumed.append(batch: entries[19...])
        #expect(resumed.rootHash == MerkleTree.rootHash(of: entries.map(\.leafHash)))
        #expect(resumed.nextSequence == 30)
    }

    @Test("entries can be renumbered to the ledger's next sequence")
    func renumber() throws {
        var ledger = AuditLedger()
        try ledger.append(batch: LedgerFixtures.entries(4))
        let draft = LedgerFixtures.entry(0, reason: "break glass: child at immediate risk")
        let leaf = try ledger.append(draft.withSequence(ledger.nextSequence))
        #expect(leaf == (try draft.withSequence(4)).leafHash)
    }
}
