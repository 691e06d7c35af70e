import Foundation

/// A clkhash linkage schema, version 3: how every partner turns a row of identifiers
/// into a cryptographic linkage key (CLK), so that encodings made by clkhash and by
/// Lantern under the same schema and secret are identical bit for bit.
///
/// Use `LinkageSchema.parse(_:)` on the schema file's bytes; it refuses anything that
/// is not valid v3 with a `SchemaProblem` naming the field. Contract: `features` are in
/// CSV column order, the ignored ones included (they still take a derived key).
public struct LinkageSchema: Sendable, Equatable {
    /// Length of the CLK in bits, after xor folding.
    public var length: Int
    /// Number of times the filter is halved by xor before it is written.
    public var xorFolds: Int
    public var kdf: KeyDerivation
    public var features: [Feature]

    /// Bits hashed into before folding.
    public var hashLength: Int { length << xorFolds }
    /// Features that are hashed, in order (ignored ones left out).
    public var hashedCount: Int { features.filter { $0.hashing != nil }.count }

    public struct KeyDerivation: Sendable, Equatable {
        public enum Hash: String, Sendable { case sha256 = "SHA256", sha512 = "SHA512" }
        public var hash: Hash = .sha256
        public var salt: [UInt8]? = nil
        public var info: [UInt8]? = nil
        public var keySize: Int = 64
    }

    public struct Feature: Sendable, Equatable {
        public var identifier: String
        /// Nil for an ignored feature.
        public var format: Format?
        public var hashing: Hashing?
    }

    /// What a value must look like before it is tokenised (clkhash validates it).
    public enum Format: Sendable, Equatable {
        case string(encoding: TextEncoding, textCase: TextCase?, minLength: Int?, maxLength: Int?, pattern: String?)
        case integer(minimum: Int?, maximum: Int?)
        /// `format` is a strptime pattern; values are hashed as YYYYMMDD.
        case date(format: String)
        case enumeration(values: [String])

        public var encoding: TextEncoding {
            if case .string(let encoding, _, _, _, _) = self { return encoding }
            return .utf8
        }
    }

    public enum TextEncoding: String, Sendable { case utf8 = "utf-8", ascii }
    public enum TextCase: String, Sendable { case upper, lower, mixed }

    public struct Hashing: Sendable, Equatable {
        public var comparison: Comparison
        public var strategy: Strategy
        public var hash: HashKind
        public var missingValue: MissingValue?
    }

    public enum Comparison: Sendable, Equatable {
        case ngram(n: Int, positional: Bool)
        case exact
    }

    public enum Strategy: Sendable, Equatable {
        /// Every token sets this many bits.
        case bitsPerToken(Int)
        /// The feature sets this many bits, shared out among its tokens.
        case bitsPerFeature(Int)

        /// Bits for each of `tokens` tokens: for bitsPerFeature the remainder goes to the first tokens.
        public func bitsPerToken(tokens: Int) -> [Int] {
            guard tokens > 0 else { return [] }
            switch self {
            case .bitsPerToken(let k):
                return [Int](repeating: k, count: tokens)
            case .bitsPerFeature(let total):
                let (k, rest) = total.quotientAndRemainder(dividingBy: tokens)
                return [Int](repeating: k + 1, count: rest) + [Int](repeating: k, count: tokens - rest)
            }
        }
    }

    public enum HashKind: Sendable, Equatable {
        case blakeHash
        case doubleHash(preventSingularity: Bool)
    }

    /// A value equal to `sentinel` is missing: it sets no bits, or is hashed as `replaceWith`.
    public struct MissingValue: Sendable, Equatable {
        public var sentinel: String
        public var replaceWith: String?
    }
}
