import Foundation

/// A cryptographic linkage key: the Bloom filter of one record's identifiers.
///
/// Bit i is byte i / 8, mask 0x80 >> (i % 8) (clkhash's bitarray order); written as the
/// base64 of the bytes. Contract: `init(base64:bits:)` refuses text that is not base64
/// or not exactly `bits` long, so a truncated or foreign encoding is never compared.
public struct CLK: Sendable, Hashable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public enum Problem: Error, Equatable, Sendable {
        case notBase64
        case wrongLength(bits: Int, expected: Int)

        public var description: String {
            switch self {
            case .notBase64: "is not valid base64"
            case .wrongLength(let bits, let expected): "is \(bits) bits long; this linkage uses \(expected)-bit encodings"
            }
        }
    }

    public init(base64 text: some StringProtocol, bits: Int) throws {
        guard let data = Data(base64Encoded: String(text)) else { throw Problem.notBase64 }
        guard data.count * 8 == bits else { throw Problem.wrongLength(bits: data.count * 8, expected: bits) }
        bytes = [UInt8](data)
    }

    public var base64: String { Data(bytes).base64EncodedString() }

    /// Number of bits set.
    public var popcount: Int { bytes.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Positions of the bits set, in increasing order.
    public var positions: [Int] {
        var out: [Int] = []
        for (i, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { out.append(i * 8 + bit) }
        }
        return out
    }

    /// Halves the filter `times` times by xor of its two halves (clkhash `fold_xor`).
    public static func fold(_ bytes: [UInt8], times: Int) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<times {
            let half = bytes.count / 2
            bytes = (0..<half).map { bytes[$0] ^ bytes[half + $0] }
        }
        return bytes
    }
}
