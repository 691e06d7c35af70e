import Foundation
import Ledger
import Testing

@Suite("RFC 9162 Merkle tree hashing")
struct MerkleTreeTests {
    @Test("the empty tree's root is SHA-256 of the empty string")
    func emptyRoot() {
        #expect(MerkleTree.emptyRootHash.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleTree.rootHash(of: []) == MerkleTree.emptyRootHash)
        #expect(CompactMerkleTree().rootHash == MerkleTree.emptyRootHash)
    }

    @Test("a leaf hash is SHA-256 of 0x00 followed by the bytes")
    func leafHash() {
        // SHA-256 of the single byte 0x00.
        #expect(MerkleTree.leafHash([UInt8]()).hex == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }

    @Test("a node hash is SHA-256 of 0x01, left, right")
    func nodeHash() {
        let leaves = LedgerFixtures.referenceLeaves
        #expect(MerkleTree.nodeHash(leaves[0], leaves[1]).hex
            == "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")
    }

    // Roots of the reference tree's first n leaves, computed independently from the RFC text.
    static let referenceRoots: [(Int, String)] = [
        (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        (2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
        (3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
        (4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        (5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
        (6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
        (7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
        (8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
    ]

    @Test("reference tree roots", arguments: referenceRoots)
    func referenceRoot(size: Int, expected: String) {
        let leaves = Array(LedgerFixtures.referenceLeaves.prefix(size))
        #expect(MerkleTree.rootHash(of: leaves).hex == expected)
        #expect(CompactMerkleTree(leafHashes: leaves).rootHash.hex == expected)
    }

    @Test("three leaves split as a perfect pair and a single leaf")
    func handComputedThreeLeaves() {
        let l = LedgerFixtures.referenceLeaves
        let expected = MerkleTree.nodeHash(MerkleTree.nodeHash(l[0], l[1]), l[2])
        #expect(MerkleTree.rootHash(of: Array(l[0..<3])) == expected)
    }

    @Test("hashes round-trip through bytes, base64 and JSON")
    func hashEncodings() throws {
        let hash = LedgerFixtures.referenceLeaves[3]
        #expect(try MerkleHash(bytes: hash.bytes) == hash)
        #expect(try MerkleHash(base64: hash.base64) == hash)
        #expect(hash.base64.count == 44)
        let json = try JSONEncoder().encode([hash])
        #expect(try JSONDecoder().decode([MerkleHash].self, from: json) == [hash])
    }

    @Test("malformed hashes are refused with a stable code")
    func malformedHashes() {
        #expect(throws: LedgerError.self) { try MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) }
        do {
            _ = try MerkleHash(base64: "not base64!")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .malformedHash)
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MerkleHash].self, from: Data(#"["AAAA"]"#.utf8)) }
    }
}
