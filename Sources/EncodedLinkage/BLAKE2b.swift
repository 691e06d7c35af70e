/// BLAKE2b (RFC 7693), keyed and salted, as Python's `hashlib.blake2b` computes it.
///
/// Use it for clkhash's `blakeHash` strategy, which hashes every token with the
/// feature's key and a salt of the hash round ("0", "1", ...). swift-crypto has no
/// BLAKE2, so this is written from RFC 7693 section 3 and checked against its
/// appendix A and the BLAKE2 reference test vectors.
/// Contract: `digestLength` 1...64, key at most 64 bytes, salt at most 16 bytes
/// (zero-padded, as hashlib pads it); anything else is refused with `BLAKE2b.Problem`.
public struct BLAKE2b: Sendable {
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    // RFC 7693 section 2.6: the SHA-512 initial values.
    static let iv: [UInt64] = [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ]

    // RFC 7693 section 2.7: message word schedule; rounds 10 and 11 reuse rows 0 and 1.
    static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    private var h: [UInt64]
    private var buffer: [UInt8] = []
    private var counter: UInt64 = 0
    private let digestLength: Int

    /// A hasher; `salt` goes into parameter block bytes 32-47 (BLAKE2 specification 2.8).
    public init(digestLength: Int = 64, key: [UInt8] = [], salt: [UInt8] = []) throws {
        guard (1...64).contains(digestLength) else { throw Problem(description: "BLAKE2b digest length must be 1 to 64 bytes") }
        guard key.count <= 64 else { throw Problem(description: "BLAKE2b key must be at most 64 bytes, not \(key.count)") }
        guard salt.count <= 16 else { throw Problem(description: "BLAKE2b salt must be at most 16 bytes, not \(salt.count)") }
        self.digestLength = digestLength
        h = Self.iv
        // Parameter block word 0: digest length, key length, fanout 1, depth 1.
        h[0] ^= 0x0101_0000 ^ (UInt64(key.count) << 8) ^ UInt64(digestLength)
        var paddedSalt = salt + [UInt8](repeating: 0, count: 16 - salt.count)
        h[4] ^= Self.word(paddedSalt, 0)
        h[5] ^= Self.word(paddedSalt, 8)
        paddedSalt.removeAll()
        if !key.isEmpty {
            // RFC 7693 section 3.3: a key is the first block, zero-padded.
            buffer = key + [UInt8](repeating: 0, count: 128 - key.count)
        }
    }

    /// The digest of `message` in one call.
    public static func hash(_ message: [UInt8], key: [UInt8] = [], salt: [UInt8] = [], digestLength: Int = 64) throws -> [UInt8] {
        var hasher = try BLAKE2b(digestLength: digestLength, key: key, salt: salt)
        hasher.update(message)
        return hasher.finalize()
    }

    public mutating func update(_ bytes: [UInt8]) {
        for byte in bytes {
            // Compress only when more input follows: the last block is compressed by finalize.
            if buffer.count == 128 {
                counter &+= 128
                compress(last: false)
                buffer.removeAll(keepingCapacity: true)
            }
            buffer.append(byte)
        }
    }

    public mutating func finalize() -> [UInt8] {
        counter &+= UInt64(buffer.count)
        buffer += [UInt8](repeating: 0, count: 128 - buffer.count)
        compress(last: true)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in h {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Array(out.prefix(digestLength))
    }

    @inline(__always)
    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// RFC 7693 section 3.2, function F, over the buffered block.
    private mutating func compress(last: Bool) {
        var block = [UInt64](repeating: 0, count: 16)
        for i in 0..<16 { block[i] = Self.word(buffer, i * 8) }
        h.withUnsafeMutableBufferPointer { state in
            block.withUnsafeBufferPointer { m in
                Self.compress(state: state.baseAddress!, block: m.baseAddress!, counter: counter, last: last)
            }
        }
    }

    // The schedule flattened, so the hot loop reads it through a pointer.
    static let flatSigma: [Int] = (0..<12).flatMap { sigma[$0 % 10] }

    /// Function F on 8 state words and 16 message words, with the working vector in
    /// locals: the encoder calls this some 50 million times for a million records.
    @inline(__always)
    static func compress(state h: UnsafeMutablePointer<UInt64>, block m: UnsafePointer<UInt64>, counter: UInt64, last: Bool) {
        var v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7]
        var v8 = iv[0], v9 = iv[1], v10 = iv[2], v11 = iv[3]
        var v12 = iv[4] ^ counter, v13 = iv[5], v14 = last ? ~iv[6] : iv[6], v15 = iv[7]
        @inline(__always) func g(_ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64, _ x: UInt64, _ y: UInt64) {
            a = a &+ b &+ x
            d = (d ^ a).rotatedRight(32)
            c = c &+ d
            b = (b ^ c).rotatedRight(24)
            a = a &+ b &+ y
            d = (d ^ a).rotatedRight(16)
            c = c &+ d
            b = (b ^ c).rotatedRight(63)
        }
        flatSigma.withUnsafeBufferPointer { sigma in
            var s = sigma.baseAddress!
            for _ in 0..<12 {
                g(&v0, &v4, &v8, &v12, m[s[0]], m[s[1]])
                g(&v1, &v5, &v9, &v13, m[s[2]], m[s[3]])
                g(&v2, &v6, &v10, &v14, m[s[4]], m[s[5]])
                g(&v3, &v7, &v11, &v15, m[s[6]], m[s[7]])
                g(&v0, &v5, &v10, &v15, m[s[8]], m[s[9]])
                g(&v1, &v6, &v11, &v12, m[s[10]], m[s[11]])
                g(&v2, &v7, &v8, &v13, m[s[12]], m[s[13]])
                g(&v3, &v4, &v9, &v14, m[s[14]], m[s[15]])
                s += 16
            }
        }
        h[0] ^= v0 ^ v8; h[1] ^= v1 ^ v9; h[2] ^= v2 ^ v10; h[3] ^= v3 ^ v11
        h[4] ^= v4 ^ v12; h[5] ^= v5 ^ v13; h[6] ^= v6 ^ v14; h[7] ^= v7 ^ v15
    }

    /// The chaining state once the key block is compressed, so that many short
    /// messages under one key and salt cost one compression each (clkhash hashes
    /// every token of a feature under the same key).
    public var keyedState: KeyedState? {
        guard buffer.count == 128, counter == 0 else { return nil }
        var copy = self
        copy.counter = 128
        copy.compress(last: false)
        return KeyedState(h: copy.h, digestLength: digestLength)
    }

    /// See `keyedState`. Contract: `digest` takes a non-empty message (an empty one under a
    /// key ends on the key block itself: use `hash`) and matches `hash` with the same key and
    /// salt. Words are read and written in host order: little-endian hosts (x86-64, arm64).
    public struct KeyedState: Sendable {
        let h: [UInt64]
        let digestLength: Int

        /// Writes the 64-byte digest's words into `out` (8 words, little-endian as bytes).
        public func digest(_ message: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt64>) {
            for i in 0..<8 { out[i] = h[i] }
            var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                         UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            var offset = 0
            var counter: UInt64 = 128
            repeat {
                let take = min(128, message.count - offset)
                withUnsafeMutableBytes(of: &block) { raw in
                    raw.initializeMemory(as: UInt8.self, repeating: 0)
                    if take > 0 { raw.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: message[offset..<(offset + take)]))) }
                }
                offset += take
                counter &+= UInt64(take)
                let last = offset >= message.count
                withUnsafeBytes(of: &block) { raw in
                    BLAKE2b.compress(state: out, block: raw.bindMemory(to: UInt64.self).baseAddress!, counter: counter, last: last)
                }
                if last { break }
            } while true
        }
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedRight(_ n: UInt64) -> UInt64 { (self >> n) | (self << (64 - n)) }
}
