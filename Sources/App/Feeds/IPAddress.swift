/// An IPv4 or IPv6 address, parsed from every spelling a URL host or a
/// resolver may use, and classified as public or not.
///
/// Use it to decide whether Lantern may send a webhook to an address: the
/// host in a subscribed URL, and every address a name resolves to at each
/// delivery. Contract: pure (no sockets, no resolver); `parse` accepts the
/// legacy IPv4 forms that `inet_aton` and browsers accept (decimal
/// `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`, short `127.1`), so a host
/// that a resolver would read as an address is never taken for a name;
/// `nonPublicRange` names the range an address falls in, looking inside
/// IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms.
enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(UInt32)
    /// Sixteen bytes, network order.
    case v6([UInt8])

    // MARK: Parsing

    static func parse(_ text: String) -> IPAddress? {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host.contains(":") { return parseV6(host).map(IPAddress.v6) }
        return parseV4(host).map(IPAddress.v4)
    }

    /// IPv4 as `inet_aton` reads it: one to four parts, each decimal, octal
    /// (leading 0) or hex (leading 0x); the last part fills the remaining bytes.
    static func parseV4(_ text: Substring) -> UInt32? {
        var text = text
        // A trailing dot is accepted by resolvers and browsers alike.
        if text.hasSuffix(".") { text = text.dropLast() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = number(part) else { return nil }
            values.append(value)
        }
        var address: UInt64 = 0
        for (index, value) in values.dropLast().enumerated() {
            guard value <= 0xFF else { return nil }
            address |= value << (8 * UInt64(3 - index))
        }
        let last = values[values.count - 1]
        guard last < (UInt64(1) << (8 * UInt64(5 - values.count))) else { return nil }
        return UInt32(address | last)
    }

    private static func number(_ part: Substring) -> UInt64? {
        // Digits and the hex marker only: Swift's parser would also take a leading "+".
        guard !part.isEmpty, part.count <= 32, part.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "x" || $0 == "X") }) else { return nil }
        let lower = part.lowercased()
        if lower.hasPrefix("0x") { return lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16) }
        if lower.count > 1, lower.hasPrefix("0") { return UInt64(lower.dropFirst(), radix: 8) }
        return UInt64(lower, radix: 10)
    }

    /// RFC 4291 text: groups of hex, one `::`, an IPv4 tail; a zone (`%eth0`) is refused.
    static func parseV6(_ text: Substring) -> [UInt8]? {
        guard !text.contains("%") else { return nil }
        var halves = [String(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: String, allowV4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowV4Tail, index == pieces.count - 1, piece.contains(".") {
                    // Only dotted-quad decimal here, as RFC 4291 writes it.
                    let octets = piece.split(separator: ".", omittingEmptySubsequences: false)
                    guard octets.count == 4 else { return nil }
                    for octet in octets {
                        guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let value = UInt8(octet, radix: 10) else { return nil }
                        bytes.append(value)
                    }
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowV4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowV4Tail: false), let tail = groups(halves[1], allowV4Tail: true),
              head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    // MARK: Classification

    /// The non-public range the address is in ("loopback 127.0.0.0/8"), or
    /// nil for an address on the public internet.
    var nonPublicRange: String? {
        switch self {
        case .v4(let address):
            return Self.v4Ranges.first { address >> (32 - $0.bits) == $0.network >> (32 - $0.bits) }?.name
        case .v6(let bytes):
            if let embedded = embeddedV4, let range = IPAddress.v4(embedded).nonPublicRange {
                return "\(range), inside an IPv6 address"
            }
            return Self.v6Ranges.first { range in Self.prefix(bytes, matches: range.network, bits: range.bits) }?.name
        }
    }

    /// The IPv4 address inside an IPv6 form that carries one, which the
    /// network (or a translator on it) may deliver to. A mapped address is
    /// classified as the IPv4 address it maps; the deprecated compatible
    /// form is refused whatever it holds.
    var embeddedV4: UInt32? {
        guard case .v6(let bytes) = self else { return nil }
        func v4(at start: Int) -> UInt32 { bytes[start..<start + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let tenZeroBytes = bytes[0..<10].allSatisfy { $0 == 0 }
        if tenZeroBytes, bytes[10] == 0xFF, bytes[11] == 0xFF { return v4(at: 12) }      // ::ffff:a.b.c.d, mapped
        if tenZeroBytes, bytes[10] == 0, bytes[11] == 0, bytes[12...].contains(where: { $0 != 0 }), v4(at: 12) > 1 {
            return v4(at: 12)                                                             // ::a.b.c.d, compatible
        }
        if Self.prefix(bytes, matches: [0x00, 0x64, 0xFF, 0x9B] + Array(repeating: 0, count: 8), bits: 96) {
            return v4(at: 12)                                                             // 64:ff9b::/96, NAT64
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return v4(at: 2) }                        // 2002::/16, 6to4
        return nil
    }

    private static func prefix(_ bytes: [UInt8], matches network: [UInt8], bits: Int) -> Bool {
        for bit in 0..<bits {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != (bit / 8 < network.count ? network[bit / 8] : 0) & mask { return false }
        }
        return true
    }

    private struct V4Range { var network: UInt32; var bits: Int; var name: String }
    private struct V6Range { var network: [UInt8]; var bits: Int; var name: String }

    /// RFC 6890's special-purpose ranges that are not globally reachable.
    private static let v4Ranges: [V4Range] = [
        .init(network: 0x0000_0000, bits: 8, name: "\"this network\" 0.0.0.0/8"),
        .init(network: 0x0A00_0000, bits: 8, name: "private 10.0.0.0/8"),
        .init(network: 0x6440_0000, bits: 10, name: "carrier-grade NAT 100.64.0.0/10"),
        .init(network: 0x7F00_0000, bits: 8, name: "loopback 127.0.0.0/8"),
        .init(network: 0xA9FE_0000, bits: 16, name: "link-local 169.254.0.0/16"),
        .init(network: 0xAC10_0000, bits: 12, name: "private 172.16.0.0/12"),
        .init(network: 0xC000_0000, bits: 24, name: "IETF protocol assignments 192.0.0.0/24"),
        .init(network: 0xC000_0200, bits: 24, name: "documentation 192.0.2.0/24"),
        .init(network: 0xC0A8_0000, bits: 16, name: "private 192.168.0.0/16"),
        .init(network: 0xC612_0000, bits: 15, name: "benchmarking 198.18.0.0/15"),
        .init(network: 0xC633_6400, bits: 24, name: "documentation 198.51.100.0/24"),
        .init(network: 0xCB00_7100, bits: 24, name: "documentation 203.0.113.0/24"),
        .init(network: 0xE000_0000, bits: 4, name: "multicast 224.0.0.0/4"),
        .init(network: 0xF000_0000, bits: 4, name: "reserved 240.0.0.0/4 (and broadcast)"),
    ]

    private static let v6Ranges: [V6Range] = [
        .init(network: Array(repeating: 0, count: 15) + [1], bits: 128, name: "loopback ::1"),
        .init(network: [], bits: 128, name: "unspecified ::"),
        .init(network: [], bits: 96, name: "IPv4-compatible ::/96"),
        .init(network: [0x01, 0x00], bits: 64, name: "discard-only 100::/64"),
        .init(network: [0x20, 0x01, 0x0D, 0xB8], bits: 32, name: "documentation 2001:db8::/32"),
        .init(network: [0xFC], bits: 7, name: "unique local fc00::/7"),
        .init(network: [0xFE, 0x80], bits: 10, name: "link-local fe80::/10"),
        .init(network: [0xFE, 0xC0], bits: 10, name: "site-local fec0::/10"),
        .init(network: [0xFF], bits: 8, name: "multicast ff00::/8"),
    ]

    // MARK: Text

    var description: String {
        switch self {
        case .v4(let address):
            return (0..<4).map { String((address >> (8 * UInt32(3 - $0))) & 0xFF) }.joined(separator: ".")
        case .v6(let bytes):
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
    }
}
