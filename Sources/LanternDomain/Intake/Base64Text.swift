/// Standard base64 (RFC 4648 section 4, with padding) read without Foundation, so that the
/// intake rules stay pure: an encoded-people extract's CLKs are checked as they arrive.
///
/// Contract: `decode` returns nil for anything but canonical padded base64 (a length
/// that is not a multiple of 4, a character outside the alphabet, padding in the middle).
enum Base64Text {
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        return table
    }()

    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return nil }
        var padding = 0
        if bytes.last == UInt8(ascii: "=") { padding += 1 }
        if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "=") { padding += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var index = 0
        while index < bytes.count {
            var group: UInt32 = 0
            for k in 0..<4 {
                let byte = bytes[index + k]
                let isPadding = byte == UInt8(ascii: "=") && index + k >= bytes.count - padding
                let value = isPadding ? 0 : values[Int(byte)]
                guard value >= 0 else { return nil }
                group = group << 6 | UInt32(value)
            }
            out.append(UInt8(group >> 16 & 0xFF))
            out.append(UInt8(group >> 8 & 0xFF))
            out.append(UInt8(group & 0xFF))
            index += 4
        }
        out.removeLast(padding)
        return out
    }
}
