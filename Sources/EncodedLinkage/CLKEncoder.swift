import Crypto

/// Turns rows of identifiers into CLKs under a schema and a shared secret, as clkhash does.
///
/// Use one encoder per schema and secret, from any number of tasks at once (it holds
/// only immutable state). Contract: `encode` takes a row's values in schema order
/// (ignored features included) and gives the same bits as clkhash 0.18 for the same
/// schema, secret and values; a value that does not meet its format throws
/// `EncodingProblem` naming the feature.
public struct CLKEncoder: Sendable {
    public let schema: LinkageSchema
    let features: [Prepared]

    struct Prepared: Sendable {
        let hashing: LinkageSchema.Hashing
        let formatter: ValueFormatter
        let keys: [[UInt8]]
        /// BLAKE2b states after the key block, one per salt "0", "1", ...
        let blake: [BLAKE2b.KeyedState]
    }

    /// The shortest secret accepted: 128 bits, the strength of the keys it protects.
    public static let minimumSecretBytes = 16

    public init(schema: LinkageSchema, secret: [UInt8]) throws {
        guard secret.count >= Self.minimumSecretBytes else {
            throw EncodingProblem(.notEncodable, field: "secret",
                                  reason: "is \(secret.count) bytes; it must be at least \(Self.minimumSecretBytes) random bytes shared by every partner")
        }
        self.schema = schema
        let keys = FeatureKeys(secret: secret, schema: schema).keys
        var prepared: [Prepared] = []
        for (index, feature) in schema.features.enumerated() {
            guard let hashing = feature.hashing else { continue }
            // Enough salts for the largest number of bits one token can set (32 per digest).
            let maxBits: Int
            switch hashing.strategy {
            case .bitsPerToken(let k): maxBits = k
            case .bitsPerFeature(let total): maxBits = total
            }
            var states: [BLAKE2b.KeyedState] = []
            if hashing.hash == .blakeHash {
                for salt in 0..<((maxBits + 31) / 32) {
                    let hasher = try BLAKE2b(key: keys[index][0], salt: Array(String(salt).utf8))
                    states.append(hasher.keyedState!)
                }
            }
            prepared.append(Prepared(hashing: hashing, formatter: ValueFormatter(feature: feature), keys: keys[index],
                                     blake: states))
        }
        features = prepared
    }

    /// The CLK of one row (see the type's contract).
    public func encode(_ values: [String]) throws -> CLK {
        guard values.count == schema.features.count else {
            throw EncodingProblem(.wrongColumnCount, field: "row",
                                  reason: "has \(values.count) values; the schema has \(schema.features.count) features")
        }
        var bits = [UInt8](repeating: 0, count: schema.hashLength / 8)
        var next = 0
        for (index, feature) in schema.features.enumerated() where feature.hashing != nil {
            let prepared = features[next]
            next += 1
            let formatted = try prepared.formatter.formatted(values[index])
            TokenBytes.forEach(formatted, prepared.hashing.comparison) { count in
                prepared.hashing.strategy.bitsPerToken(tokens: count)
            } body: { token, k in
                visit(token, k, prepared) { bits[$0 >> 3] |= 0x80 >> UInt8($0 & 7) }
            }
        }
        return CLK(bytes: CLK.fold(bits, times: schema.xorFolds))
    }

    /// The bit positions one token sets in the unfolded filter, in the order they are chosen.
    public func positions(token: String, bits k: Int, featureIndex: Int) -> [Int] {
        guard let slot = hashedSlot(of: featureIndex) else { return [] }
        var out: [Int] = []
        var token = token
        token.withUTF8 { visit($0, k, features[slot]) { out.append($0) } }
        return out
    }

    func hashedSlot(of featureIndex: Int) -> Int? {
        guard schema.features.indices.contains(featureIndex), schema.features[featureIndex].hashing != nil else { return nil }
        return schema.features[..<featureIndex].filter { $0.hashing != nil }.count
    }

    func visit(_ bytes: UnsafeBufferPointer<UInt8>, _ k: Int, _ prepared: Prepared, _ body: (Int) -> Void) {
        let l = schema.hashLength
        do {
            switch prepared.hashing.hash {
            case .blakeHash:
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8) { digest in
                    var remaining = k
                    var salt = 0
                    while remaining > 0 {
                        if bytes.isEmpty {
                            let full = (try? BLAKE2b.hash([], key: prepared.keys[0], salt: Array(String(salt).utf8))) ?? []
                            full.withUnsafeBytes { raw in for i in 0..<8 { digest[i] = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) } }
                        } else {
                            prepared.blake[salt].digest(bytes, into: digest.baseAddress!)
                        }
                        // clkhash reads the digest as 32 little-endian unsigned shorts; l is a power of two.
                        for j in 0..<min(32, remaining) {
                            let short = Int((digest[j >> 2] >> UInt64((j & 3) * 16)) & 0xFFFF)
                            body(short & (l - 1))
                        }
                        remaining -= 32
                        salt += 1
                    }
                }
            case .doubleHash(let preventSingularity):
                // doubleHash is clkhash's legacy scheme and not on the fast path: keys are made per token.
                let sha1Key = SymmetricKey(data: prepared.keys[0]), md5Key = SymmetricKey(data: prepared.keys[1])
                let sha1 = Self.modulo(Array(HMAC<Insecure.SHA1>.authenticationCode(for: bytes, using: sha1Key)), l)
                var md5 = Self.modulo(Array(HMAC<Insecure.MD5>.authenticationCode(for: bytes, using: md5Key)), l)
                if preventSingularity {
                    // clkhash rehashes with chr(i) appended until the step is not zero.
                    var i = 0
                    while md5 == 0 {
                        let extra = Array(String(UnicodeScalar(UInt8(i))).utf8)
                        md5 = Self.modulo(Array(HMAC<Insecure.MD5>.authenticationCode(for: Array(bytes) + extra, using: md5Key)), l)
                        i += 1
                    }
                }
                for i in 0..<k { body((sha1 + i * md5) % l) }
            }
        }
    }

    /// A big-endian byte string read as an integer, modulo `l`.
    static func modulo(_ bytes: [UInt8], _ l: Int) -> Int {
        bytes.reduce(0) { ($0 * 256 + Int($1)) % l }
    }
}
