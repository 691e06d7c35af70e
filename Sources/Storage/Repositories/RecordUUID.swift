import Foundation

extension UUID {
    /// A random (version 4) UUID from the system generator. Foundation's
    /// `UUID()` opens a device file per call on Linux, which dominated bulk
    /// imports; `SystemRandomNumberGenerator` uses the getrandom call instead.
    static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in byte 8.
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = withUnsafeBytes(of: high.bigEndian) { Array($0) }
        let l = withUnsafeBytes(of: low.bigEndian) { Array($0) }
        return UUID(uuid: (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]))
    }
}
