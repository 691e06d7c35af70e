import Foundation

/// A SHA-256 value that names a leaf, an interior node or the root of the ledger's Merkle tree.
///
/// Use it wherever the ledger hands out or takes back a hash: stored leaf hashes, tree
/// heads, proof paths. It is a fixed 32-byte value held inline (no heap allocation), so
/// arrays of a million hashes stay compact and hashing in the hot loop allocates nothing
/// for the value itself.
///
/// Contract: the bytes are exactly the SHA-256 output in the order SHA-256 produces them.
/// `Codable` as a base64 string (44 characters) so it drops straight into JSON; build one
/// from bytes you stored with ``init(bytes:)``, which rejects anything that is not 32 bytes.
public struct MerkleHash: Hashable, Sendable {
    // Four words copied raw from the digest bytes: byte order in memory is the digest's
    // order, so `withUnsafeBytes` yields the canonical bytes on any endianness.
    @usableFromInline
    internal var words: (UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a hash.
    public static let byteCount = 32

    @inlinable
    internal init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// Creates a hash from exactly 32 bytes, as previously read from ``bytes``.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/malformedHash`` when the input is not 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(LedgerError) {
        guard bytes.count == Self.byteCount else {
            throw LedgerError(
                .malformedHash,
                "A Merkle hash must be 32 bytes, got \(bytes.count); pass the stored SHA-256 value unchanged."
            )
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
        }
        self.words = words
    }

    /// Creates a hash from its base64 text form, as produced by ``base64``.
    ///
    /// - Throws: ``LedgerError/Code-swift.enum/malformedHash`` when the text is not base64 of 32 bytes.
    public init(base64: String) throws(LedgerError) {
        guard let data = Data(base64Encoded: base64) else {
            throw LedgerError(.malformedHash, "'\(base64)' is not base64; pass the hash text exactly as the ledger produced it.")
        }
        try self.init(bytes: data)
    }

    /// Builds a hash from a raw 32-byte buffer without checking its length (internal fast path).
    @inlinable
    internal init(unsafeRawBytes raw: UnsafeRawBufferPointer) {
        self.words = (
            raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        )
    }

    /// The 32 bytes of the hash.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Calls `body` with the 32 bytes of the hash, without copying them.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = words
        return try Swift.withUnsafeBytes(of: &copy) { raw throws(E) in try body(raw) }
    }

    /// Lower-case hexadecimal text, 64 characters; handy in logs and test vectors.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        withUnsafeBytes { raw in
            for byte in raw {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Standard base64 text, 44 characters; the form used in JSON.
    public var base64: String {
        Data(bytes).base64EncodedString()
    }

    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

extension MerkleHash: CustomStringConvertible {
    public var description: String { hex }
}

extension MerkleHash: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(base64: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base64)
    }
}
