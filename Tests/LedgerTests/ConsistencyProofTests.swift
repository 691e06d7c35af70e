import Foundation
import Ledger
import PropertyBased
import Testing

@Suite("Consistency proofs (RFC 9162 §2.1.4)")
struct ConsistencyProofTests {
    // Proofs for the reference tree, computed independently from the RFC's PROOF definition.
    static let knownProofs: [(Int, Int, [String])] = [
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        (3, 7, ["0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"]),
        (8, 8, []),
        (0, 8, []),
    ]

    static func root(_ leaves: [MerkleHash], _ size: Int) -> MerkleHash {
        MerkleTree.rootHash(of: Array(leaves[0..<size]))
    }

    @Test("known proofs of the reference tree", arguments: knownProofs)
    func knownAnswer(oldSize: Int, newSize: Int, path: [String]) throws {
        let leaves = LedgerFixtures.referenceLeaves
        let proof = try ConsistencyProof(oldSize: oldSize, newSize: newSize, leaves: leaves)
        #expect(proof.path.map(\.hex) == path)
        try proof.verify(oldRoot: Self.root(leaves, oldSize), newRoot: Self.root(leaves, newSize))
    }

    @Test("every 0 <= m <= n <= 40 round-trips, and every single-hash tamper is rejected")
    func roundTripAndTamper() throws {
        let leaves = LedgerFixtures.leaves(40)
        let roots = (0...40).map { Self.root(leaves, $0) }
        for n in 0...40 {
            for m in 0...n {
                let proof = try ConsistencyProof(oldSize: m, newSize: n, leaves: leaves)
                #expect(proof.isValid(oldRoot: roots[m], newRoot: roots[n]), "m=\(m) n=\(n)")
                if 0 < m, m < n {
                    // Roots swapped or from other sizes. (Every tree extends the empty one.)
                    #expect(!proof.isValid(oldRoot: roots[n], newRoot: roots[n]))
                    #expect(!proof.isValid(oldRoot: roots[m - 1], newRoot: roots[n]))
                    #expect(!proof.isValid(oldRoot: roots[m], newRoot: roots[n - 1]))
                }
                for i in proof.path.indices {
                    var path = proof.path
                    path[i] = MerkleTree.nodeHash(path[i], path[i])
                    let tampered = ConsistencyProof(oldSize: m, newSize: n, path: path)
                    #expect(!tampered.isValid(oldRoot: roots[m], newRoot: roots[n]), "m=\(m) n=\(n) i=\(i)")
                }
                let longer = ConsistencyProof(oldSize: m, newSize: n, path: proof.path + [roots[n]])
                #expect(!longer.isValid(oldRoot: roots[m], newRoot: roots[n]))
                if !proof.path.isEmpty {
                    let shorter = ConsistencyProof(oldSize: m, newSize: n, path: proof.path.dropLast())
                    #expect(!shorter.isValid(oldRoot: roots[m], newRoot: roots[n]))
                }
            }
        }
    }

    @Test("a rewritten history fails: a changed early leaf breaks consistency")
    func rewrittenHistory() throws {
        let leaves = LedgerFixtures.leaves(30)
        var forged = leaves
        forged[4] = MerkleTree.leafHash([0xff])
        let proof = try ConsistencyProof(oldSize: 10, newSize: 30, leaves: forged)
        #expect(!proof.isValid(oldRoot: Self.root(leaves, 10), newRoot: Self.root(forged, 30)))
    }

    @Test("property: for random n and m <= n the consistency proof verifies")
    func propertyRoundTrip() async {
        let leaves = LedgerFixtures.leaves(2_000)
        await propertyCheck(input: Gen.int(in: 0...2_000), Gen.int(in: 0...2_000)) { n, rawM in
            let m = rawM % (n + 1)
            let proof = try ConsistencyProof(oldSize: m, newSize: n, leaves: leaves)
            #expect(proof.isValid(oldRoot: Self.root(leaves, m), newRoot: Self.root(leaves, n)))
        }
    }

    @Test("a partner checks a newer signed head against the older one they kept")
    func partnerChecksHeads() throws {
        let signer = LedgerFixtures.signer
        var ledger = AuditLedger()
        var leaves = try ledger.append(batch: LedgerFixtures.entries(11)).leafHashes
        let older = try signer.sign(ledger.treeHead(timestamp: 1_000))
        leaves += try ledger.append(batch: (11..<29).map { LedgerFixtures.entry($0) }).leafHashes
        let newer = try signer.sign(ledger.treeHead(timestamp: 2_000))

        // The partner's side: check both signatures, then the proof received as JSON.
        let verifier = try TreeHeadVerifier(publicKeyBytes: signer.verifier.publicKeyBytes)
        let oldHead = try verifier.verify(older)
        let newHead = try verifier.verify(newer)
        let sent = try JSONEncoder().encode(ConsistencyProof(oldSize: 11, newSize: 29, leaves: leaves))
        let proof = try JSONDecoder().decode(ConsistencyProof.self, from: sent)
        try proof.verify(old: oldHead, new: newHead)
        #expect(throws: LedgerError.self) { try proof.verify(old: newHead, new: newHead) }
        try proof.verify(old: older, new: newer, verifier: verifier)
        let forged = SignedTreeHead(head: newer.head, keyID: newer.keyID, signature: older.signature)
        let error = #expect(throws: LedgerError.self) { try proof.verify(old: older, new: forged, verifier: verifier) }
        #expect(error?.code == .invalidSignature)
    }

    @Test("impossible size pairs are refused")
    func invalidSizes() {
        let leaves = LedgerFixtures.leaves(8)
        for (m, n) in [(5, 4), (-1, 3), (3, 9)] {
            do {
                _ = try ConsistencyProof(oldSize: m, newSize: n, leaves: leaves)
                Issue.record("expected an error for m=\(m) n=\(n)")
            } catch {
                #expect(error.code == .invalidTreeSize)
            }
        }
        let backwards = ConsistencyProof(oldSize: 5, newSize: 4, path: [])
        #expect(!backwards.isValid(oldRoot: MerkleTree.emptyRootHash, newRoot: MerkleTree.emptyRootHash))
        let fromEmpty = ConsistencyProof(oldSize: 0, newSize: 4, path: [])
        #expect(!fromEmpty.isValid(oldRoot: leaves[0], newRoot: MerkleTree.emptyRootHash))
    }
}
