import Crypto
import Foundation

/// The RFC 9162 (Certificate Transparency v2) Merkle tree hash functions.
///
/// Use these when you need a hash the way CT defines it: ``leafHash(_:)`` for an entry's
/// canonical bytes, ``nodeHash(_:_:)`` to join two subtrees, ``rootHash(of:)`` for the
/// reference (recursive) Merkle Tree Hash of a whole list of leaves. Day-to-day appends should
/// use ``CompactMerkleTree``, which gives the same root without holding the leaves.
///
/// Contract (RFC 9162 §2.1.1): `MTH({}) = SHA-256()`, `MTH({d0}) = SHA-256(0x00 || d0)`, and for
/// n > 1 with k the largest power of two smaller than n,
/// `MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))`. The 0x00 / 0x01 prefixes keep a
/// leaf from ever being mistaken for an interior node (second-preimage resistance).
public enum MerkleTree {
    /// The root of a tree with no leaves: SHA-256 of the empty string.
    public static let emptyRootHash: MerkleHash = {
        let digest = SHA256.hash(data: [UInt8]())
        return digest.withUnsafeBytes { MerkleHash(unsafeRawBytes: $0) }
    }()

    /// The leaf hash `SHA-256(0x00 || bytes)`.
    public static func leafHash(_ bytes: some ContiguousBytes) -> MerkleHash {
        bytes.withUnsafeBytes { leafHash(unsafeRawBytes: $0) }
    }

    /// The leaf hash of raw bytes without going through a collection (hot path).
    @inlinable
    public static func leafHash(unsafeRawBytes raw: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        let prefix: UInt8 = 0x00
        Swift.withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: raw)
        return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeRawBytes: $0) }
    }

    /// The interior node hash `SHA-256(0x01 || left || right)`.
    @inlinable
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        // One 65-byte stack buffer and one update call: no heap traffic for the input.
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { raw in
            raw.storeBytes(of: 0x01 as UInt8, toByteOffset: 0, as: UInt8.self)
            raw.storeBytes(of: left.words.0, toByteOffset: 1, as: UInt64.self)
            raw.storeBytes(of: left.words.1, toByteOffset: 9, as: UInt64.self)
            raw.storeBytes(of: left.words.2, toByteOffset: 17, as: UInt64.self)
            raw.storeBytes(of: left.words.3, toByteOffset: 25, as: UInt64.self)
            raw.storeBytes(of: right.words.0, toByteOffset: 33, as: UInt64.self)
            raw.storeBytes(of: right.words.1, toByteOffset: 41, as: UInt64.self)
            raw.storeBytes(of: right.words.2, toByteOffset: 49, as: UInt64.self)
            raw.storeBytes(of: right.words.3, toByteOffset: 57, as: UInt64.self)
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(raw))
            return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeRawBytes: $0) }
        }
    }

    /// The reference Merkle Tree Hash of `leaves` (already leaf-hashed), by the recursive
    /// definition. O(n) time, O(log n) stack. Use it in tests and one-off checks.
    public static func rootHash(of leaves: [MerkleHash]) -> MerkleHash {
        leaves.withUnsafeBufferPointer { subtreeHash($0[...]) }
    }

    /// MTH of a contiguous run of leaf hashes.
    internal static func subtreeHash(_ leaves: Slice<UnsafeBufferPointer<MerkleHash>>) -> MerkleHash {
        switch leaves.count {
        case 0: return emptyRootHash
        case 1: return leaves[leaves.startIndex]
        default:
            let split = leaves.startIndex + largestPowerOfTwo(below: leaves.count)
            return nodeHash(
                subtreeHash(leaves[leaves.startIndex..<split]),
                subtreeHash(leaves[split..<leaves.endIndex])
            )
        }
    }

    /// The largest power of two strictly less than `n` (n must be at least 2).
    @inlinable
    internal static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
