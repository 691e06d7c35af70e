import Ledger

/// Shared inputs for the ledger tests.
enum LedgerFixtures {
    /// The eight leaf inputs of the RFC 6962 / Certificate Transparency reference test tree.
    static let referenceLeafInputs: [[UInt8]] = [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        Array(0x50...0x57),
        Array(0x60...0x6f),
    ]

    static var referenceLeaves: [MerkleHash] {
        referenceLeafInputs.map { MerkleTree.leafHash($0) }
    }

    /// Distinct, deterministic leaf hashes for larger trees.
    static func leaves(_ count: Int) -> [MerkleHash] {
        (0..<count).map { i in
            withUnsafeBytes(of: UInt64(i).bigEndian) { MerkleTree.leafHash(Array($0)) }
        }
    }

    static func entry(_ sequence: Int, reason: String = "agreement ISA-7 clause 4.2") -> AuditEntry {
        try! AuditEntry(
            sequence: sequence,
            timestamp: 1_700_000_000_000 + Int64(sequence) * 1_000,
            actor: "user-\(sequence % 7)",
            partner: sequence % 2 == 0 ? "police" : "childrens-services",
            purpose: "safeguarding_children",
            action: sequence % 3 == 0 ? .write : .read,
            subject: "person-\(sequence % 11)",
            resource: "/people/\(sequence % 11)/timeline",
            decision: sequence % 5 == 4 ? .deny : .permit,
            reason: reason
        )
    }

    static func entries(_ count: Int) -> [AuditEntry] {
        (0..<count).map { entry($0) }
    }

    static func stored(_ entries: [AuditEntry]) -> [StoredAuditEntry] {
        entries.map { StoredAuditEntry(entry: $0, leafHash: $0.leafHash) }
    }

    static let signer = try! TreeHeadSigner(privateKeyBytes: [UInt8](repeating: 0x2a, count: 32))
    static let otherSigner = try! TreeHeadSigner(privateKeyBytes: [UInt8](repeating: 0x17, count: 32))

    static func hash(_ hex: String) -> MerkleHash {
        try! MerkleHash(bytes: bytes(hex))
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }
}
