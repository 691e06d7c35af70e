/// Escaping for text that Swift code places into HTML, where Leaf's own
/// escaping does not reach (tables rendered in Swift for speed).
enum HTMLText {
    /// `text` safe as element content and as a quoted attribute value.
    static func escape(_ text: String) -> String {
        // Most values need no escaping; scanning bytes first avoids copying them.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bytes a path segment may carry as they are (RFC 3986 unreserved).
    private static let unreserved: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8 { table[Int(byte)] = true }
        return table
    }()
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// One path segment percent-encoded, so a partner's record id cannot
    /// break out of the path it is placed in.
    static func pathSegment(_ text: String) -> String {
        guard text.utf8.contains(where: { !unreserved[Int($0)] }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if unreserved[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes += [0x25, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Where the version history of a partner's record is shown.
enum RecordPath {
    enum Kind: String, CaseIterable { case records, events, involvements }

    static func history(of kind: Kind, partner: String, record: String) -> String {
        "/\(kind.rawValue)/\(HTMLText.pathSegment(partner))/\(HTMLText.pathSegment(record))/history"
    }
}
