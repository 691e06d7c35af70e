/// Where proof generation reads leaf hashes from.
///
/// Use an array of stored leaf hashes (arrays conform), or ``LeafHashList`` to wrap a
/// closure over your own storage. Implement ``subtreeHash(of:)`` yourself only if you keep a
/// cache of subtree hashes; the default computes it from the leaves (O(range) hashes).
///
/// Contract: `leafHash(at: i)` must return the RFC 9162 leaf hash of entry `i` for every
/// `0 <= i < count`, and the same value every time it is asked.
public protocol LeafHashSource {
    /// How many leaf hashes are available (the largest tree size a proof can be made for).
    var count: Int { get }
    /// The leaf hash at `index`, `0 <= index < count`.
    func leafHash(at index: Int) -> MerkleHash
    /// The Merkle Tree Hash of the leaves in `range` (non-empty, within `0..<count`).
    func subtreeHash(of range: Range<Int>) -> MerkleHash
}

extension LeafHashSource {
    public func subtreeHash(of range: Range<Int>) -> MerkleHash {
        switch range.count {
        case 0: return MerkleTree.emptyRootHash
        case 1: return leafHash(at: range.lowerBound)
        default:
            let split = range.lowerBound + MerkleTree.largestPowerOfTwo(below: range.count)
            return MerkleTree.nodeHash(
                subtreeHash(of: range.lowerBound..<split),
                subtreeHash(of: split..<range.upperBound)
            )
        }
    }
}

extension Array: LeafHashSource where Element == MerkleHash {
    public func leafHash(at index: Int) -> MerkleHash {
        self[index]
    }

    public func subtreeHash(of range: Range<Int>) -> MerkleHash {
        withUnsafeBufferPointer { MerkleTree.subtreeHash($0[range]) }
    }
}

/// A ``LeafHashSource`` made from a count and a closure, for storage that is not an array.
///
/// Use it when leaf hashes live in a memory-mapped file or a page cache you already hold.
/// The closure is called synchronously during proof generation and is not kept afterwards
/// beyond the value's lifetime.
///
/// Contract: as ``LeafHashSource``; the closure must be pure for the proof to be right.
public struct LeafHashList: LeafHashSource, Sendable {
    public let count: Int
    private let body: @Sendable (Int) -> MerkleHash

    public init(count: Int, leafHash body: @escaping @Sendable (Int) -> MerkleHash) {
        self.count = count
        self.body = body
    }

    public func leafHash(at index: Int) -> MerkleHash {
        body(index)
    }
}
