import Foundation
import Ledger
import PropertyBased
import Testing

@Suite("Inclusion proofs (RFC 9162 §2.1.3)")
struct InclusionProofTests {
    // Audit paths for the reference tree, computed independently from the RFC's PATH definition.
    static let knownPaths: [(Int, Int, [String])] = [
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (0, 1, []),
    ]

    @Test("known audit paths of the reference tree", arguments: knownPaths)
    func knownAnswer(leafIndex: Int, treeSize: Int, path: [String]) throws {
        let leaves = LedgerFixtures.referenceLeaves
        let proof = try InclusionProof(leafIndex: leafIndex, treeSize: treeSize, leaves: leaves)
        #expect(proof.auditPath.map(\.hex) == path)
        try proof.verify(leafHash: leaves[leafIndex], rootHash: MerkleTree.rootHash(of: Array(leaves[0..<treeSize])))
    }

    @Test("every (m, n) with n up to 40 round-trips, and every single-hash tamper is rejected")
    func roundTripAndTamper() throws {
        let leaves = LedgerFixtures.leaves(40)
        for n in 1...40 {
            let root = MerkleTree.rootHash(of: Array(leaves[0..<n]))
            for m in 0..<n {
                let proof = try InclusionProof(leafIndex: m, treeSize: n, leaves: leaves)
                #expect(proof.isValid(leafHash: leaves[m], rootHash: root), "m=\(m) n=\(n)")
                // Wrong leaf, wrong root.
                #expect(!proof.isValid(leafHash: leaves[(m + 1) % 40], rootHash: root))
                if n > 1 { #expect(!proof.isValid(leafHash: leaves[m], rootHash: leaves[m])) }
                // Each path element altered.
                for i in proof.auditPath.indices {
                    var path = proof.auditPath
                    path[i] = MerkleTree.nodeHash(path[i], path[i])
                    #expect(!InclusionProof(leafIndex: m, treeSize: n, auditPath: path).isValid(leafHash: leaves[m], rootHash: root))
                }
                // Path too long or too short.
                let longer = InclusionProof(leafIndex: m, treeSize: n, auditPath: proof.auditPath + [root])
                #expect(!longer.isValid(leafHash: leaves[m], rootHash: root))
                if !proof.auditPath.isEmpty {
                    let shorter = InclusionProof(leafIndex: m, treeSize: n, auditPath: proof.auditPath.dropLast())
                    #expect(!shorter.isValid(leafHash: leaves[m], rootHash: root))
                }
                // Claiming another index or size.
                if m + 1 < n {
                    let moved = InclusionProof(leafIndex: m + 1, treeSize: n, auditPath: proof.auditPath)
                    #expect(!moved.isValid(leafHash: leaves[m], rootHash: root))
                }
            }
        }
    }

    @Test("property: proofs for random (m, n) verify against the recursive root")
    func propertyRoundTrip() async {
        let leaves = LedgerFixtures.leaves(2_000)
        await propertyCheck(input: Gen.int(in: 1...2_000), Gen.int(in: 0...1_999)) { n, rawM in
            let m = rawM % n
            let proof = try InclusionProof(leafIndex: m, treeSize: n, leaves: leaves)
            #expect(proof.isValid(leafHash: leaves[m], rootHash: MerkleTree.rootHash(of: Array(leaves[0..<n]))))
        }
    }

    @Test("out-of-range requests and out-of-range proofs are refused")
    func outOfRange() {
        let leaves = LedgerFixtures.leaves(5)
        for (m, n) in [(0, 0), (5, 5), (-1, 3), (2, 6)] {
            do {
                _ = try InclusionProof(leafIndex: m, treeSize: n, leaves: leaves)
                Issue.record("expected an error for m=\(m) n=\(n)")
            } catch {
                #expect(error.code == .invalidTreeSize)
            }
        }
        let bogus = InclusionProof(leafIndex: 3, treeSize: 3, auditPath: [])
        #expect(!bogus.isValid(leafHash: leaves[0], rootHash: leaves[0]))
        let negative = InclusionProof(leafIndex: -1, treeSize: 3, auditPath: [])
        #expect(!negative.isValid(leafHash: leaves[0], rootHash: leaves[0]))
    }

    @Test("an entry is proven against a signed head, and JSON round-trips the proof")
    func entryAgainstHead() throws {
        var ledger = AuditLedger()
        let entries = LedgerFixtures.entries(13)
        let batch = try ledger.append(batch: entries)
        let head = ledger.treeHead(timestamp: 1_700_000_100_000)
        let proof = try InclusionProof(leafIndex: 9, treeSize: 13, leaves: batch.leafHashes)
        let decoded = try JSONDecoder().decode(InclusionProof.self, from: JSONEncoder().encode(proof))
        try decoded.verify(entry: entries[9], in: head)
        #expect(throws: LedgerError.self) { try decoded.verify(entry: entries[8], in: head) }
        let signed = try LedgerFixtures.signer.sign(head)
        try decoded.verify(entry: entries[9], in: signed, verifier: LedgerFixtures.signer.verifier)
        let other = #expect(throws: LedgerError.self) {
            try decoded.verify(entry: entries[9], in: signed, verifier: LedgerFixtures.otherSigner.verifier)
        }
        #expect(other?.code == .invalidSignature)
        do {
            try decoded.verify(entry: LedgerFixtures.entry(9, reason: "edited"), in: head)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidProof)
        }
    }

    @Test("a closure-backed source gives the same proofs as an array")
    func closureSource() throws {
        let leaves = LedgerFixtures.leaves(23)
        let list = LeafHashList(count: leaves.count) { leaves[$0] }
        for m in 0..<23 {
            #expect(try InclusionProof(leafIndex: m, treeSize: 23, leaves: list)
                == InclusionProof(leafIndex: m, treeSize: 23, leaves: leaves))
        }
    }
}
