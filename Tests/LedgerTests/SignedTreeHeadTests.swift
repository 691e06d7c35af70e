import Foundation
import Ledger
import Testing

@Suite("Signed tree heads")
struct SignedTreeHeadTests {
    static let head = TreeHead(
        treeSize: 3,
        rootHash: MerkleTree.rootHash(of: Array(LedgerFixtures.referenceLeaves.prefix(3))),
        timestamp: 1_700_000_000_000
    )

    @Test("the signed bytes are the tag, size, timestamp and root")
    func signedBytes() {
        let expected = "6c616e7465726e2d747265652d686561642d7631" + "0000000000000003" + "0000018bcfe56800"
            + "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"
        #expect(Self.head.signedBytes == LedgerFixtures.bytes(expected))
    }

    @Test("a signed head verifies with the signer's public key")
    func verifies() throws {
        let signed = try LedgerFixtures.signer.sign(Self.head)
        #expect(signed.signature.count == 64)
        #expect(signed.keyID.count == 8)
        let verifier = try TreeHeadVerifier(publicKeyBytes: LedgerFixtures.signer.verifier.publicKeyBytes)
        #expect(try verifier.verify(signed) == Self.head)
    }

    @Test("changing any field makes verification fail", arguments: 0..<5)
    func tamperedField(field: Int) throws {
        let signed = try LedgerFixtures.signer.sign(Self.head)
        let h = signed.head
        var signature = signed.signature
        signature[10] ^= 0x01
        var keyID = signed.keyID
        keyID[0] ^= 0x80
        let tampered = SignedTreeHead(
            head: TreeHead(
                treeSize: field == 0 ? h.treeSize + 1 : h.treeSize,
                rootHash: field == 1 ? MerkleTree.emptyRootHash : h.rootHash,
                timestamp: field == 2 ? h.timestamp - 1 : h.timestamp
            ),
            keyID: field == 3 ? keyID : signed.keyID,
            signature: field == 4 ? signature : signed.signature
        )
        #expect(!LedgerFixtures.signer.verifier.isValid(tampered))
        do {
            try LedgerFixtures.signer.verifier.verify(tampered)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidSignature)
        }
    }

    @Test("another key does not verify the head, even with the key identifier swapped")
    func wrongKey() throws {
        let signed = try LedgerFixtures.otherSigner.sign(Self.head)
        #expect(!LedgerFixtures.signer.verifier.isValid(signed))
        let relabelled = SignedTreeHead(head: signed.head, keyID: LedgerFixtures.signer.verifier.keyID, signature: signed.signature)
        #expect(!LedgerFixtures.signer.verifier.isValid(relabelled))
    }

    @Test("JSON carries base64 fields and round-trips to a head that still verifies")
    func json() throws {
        let signed = try LedgerFixtures.signer.sign(Self.head)
        let data = try JSONEncoder().encode(signed)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["treeSize"] as? Int == 3)
        #expect(object["rootHash"] as? String == Self.head.rootHash.base64)
        #expect(object["timestamp"] as? Int64 == 1_700_000_000_000)
        #expect(object["signature"] as? String == Data(signed.signature).base64EncodedString())
        let decoded = try JSONDecoder().decode(SignedTreeHead.self, from: data)
        #expect(decoded == signed)
        #expect(LedgerFixtures.signer.verifier.isValid(decoded))
        let broken = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"signature\":\"", with: "\"signature\":\"!").utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SignedTreeHead.self, from: broken) }
    }

    @Test("keys that are not raw Ed25519 keys are refused")
    func badKeys() {
        do {
            _ = try TreeHeadSigner(privateKeyBytes: [UInt8](repeating: 1, count: 31))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidKey)
        }
        #expect(throws: LedgerError.self) { try TreeHeadVerifier(publicKeyBytes: [UInt8](repeating: 1, count: 33)) }
    }
}
