import Foundation
import Ledger
import PropertyBased
import Testing

@Suite("Incremental (frontier) Merkle tree")
struct CompactMerkleTreeTests {
    @Test("the incremental root equals the recursive root at every size up to 300")
    func incrementalMatchesRecursive() {
        let leaves = LedgerFixtures.leaves(300)
        var tree = CompactMerkleTree()
        #expect(tree.rootHash == MerkleTree.rootHash(of: []))
        for (i, leaf) in leaves.enumerated() {
            tree.append(leafHash: leaf)
            #expect(tree.size == i + 1)
            #expect(tree.frontier.count == tree.size.nonzeroBitCount)
            #expect(tree.rootHash == MerkleTree.rootHash(of: Array(leaves[0...i])))
        }
    }

    @Test("property: incremental root equals recursive MTH for random sizes")
    func propertyIncrementalRoot() async {
        await propertyCheck(input: Gen.int(in: 0...3_000)) { n in
            let leaves = LedgerFixtures.leaves(n)
            #expect(CompactMerkleTree(leafHashes: leaves).rootHash == MerkleTree.rootHash(of: leaves))
        }
    }

    @Test("a restored tree continues exactly where the saved one stopped")
    func saveAndRestore() throws {
        let leaves = LedgerFixtures.leaves(77)
        let saved = CompactMerkleTree(leafHashes: leaves[0..<45])
        let json = try JSONEncoder().encode(saved)
        var restored = try JSONDecoder().decode(CompactMerkleTree.self, from: json)
        #expect(restored == saved)
        var fromParts = try CompactMerkleTree(size: saved.size, frontier: saved.frontier)
        restored.append(contentsOf: leaves[45...])
        fromParts.append(contentsOf: leaves[45...])
        #expect(restored.rootHash == MerkleTree.rootHash(of: leaves))
        #expect(fromParts == restored)
    }

    @Test("a frontier that does not fit its size is refused")
    func malformedFrontier() {
        let frontier = CompactMerkleTree(leafHashes: LedgerFixtures.leaves(6)).frontier
        do {
            _ = try CompactMerkleTree(size: 7, frontier: frontier)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .malformedFrontier)
        }
        #expect(throws: LedgerError.self) { try CompactMerkleTree(size: -1, frontier: []) }
        let json = Data(#"{"size":3,"frontier":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CompactMerkleTree.self, from: json) }
    }
}
