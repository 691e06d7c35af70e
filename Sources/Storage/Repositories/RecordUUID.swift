import Foundation

extension UUID {
    /// A time-ordered (version 7, RFC 9562) UUID from the system generator
    /// (Foundation's `UUID()` opens a device file per call on Linux, which
    /// dominated bulk imports): milliseconds since 1970 in
    /// the first 48 bits, then random bits. New records' keys then land at the
    /// end of the primary-key index instead of all over it, which keeps bulk
    /// imports fast once a store holds millions of records.
    static func timeOrdered(at instant: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, instant.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        let randomHigh = generator.next() as UInt64
        var low = generator.next() as UInt64
        let high = (millis << 16) | 0x7000 | (randomHigh & 0x0FFF)
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = withUnsafeBytes(of: high.bigEndian) { Array($0) }
        let l = withUnsafeBytes(of: low.bigEndian) { Array($0) }
        return UUID(uuid: (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]))
    }
}
