@testable import App
import PropertyBased
import Testing

/// Which addresses a webhook may be sent to: known answers for every range
/// and spelling, and properties over random addresses.
@Suite struct IPAddressTests {
    /// Every range the issue names, in the spellings an attacker would try.
    @Test(arguments: [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255",
        // Decimal, octal, hex and short IPv4 spellings that resolvers accept.
        "2130706433", "017700000001", "0x7f000001", "0x7f.1", "0177.0.0.1", "127.1", "0x7F.0.0.1", "0xa9.0xfe.0xa9.0xfe",
        "2852039166", "10.1", "0", "127.0.0.1.",
        // IPv6, and IPv4 inside IPv6.
        "::1", "[::1]", "::", "0:0:0:0:0:0:0:1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:7f00:1", "[::ffff:169.254.169.254]", "::ffff:10.0.0.1", "::ffff:192.168.1.1",
        "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:c0a8:101::1",
    ])
    func nonPublicAddressesAreRefused(_ host: String) throws {
        let address = try #require(IPAddress.parse(host), "\(host) should parse as an address")
        #expect(address.nonPublicRange != nil, "\(host) is not public")
        #expect(WebhookEndpoint.problem(with: "https://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)/hook") != nil)
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.0.1",
                      "192.169.0.1", "11.0.0.1", "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1",
                      "134744072"])
    func publicAddressesAreAllowed(_ host: String) throws {
        let address = try #require(IPAddress.parse(host))
        #expect(address.nonPublicRange == nil, "\(host) is public: \(address.nonPublicRange ?? "")")
    }

    @Test(arguments: ["feeds.example.org", "1.2.3.4.example", "256.1.1.1", "1.2.3.4.5", "08.1.1.1", "+1.2.3.4", "0x", "::1::",
                      "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "12345::", "::ffff:1.2.3", "example.com."])
    func namesAndNonsenseAreNotAddresses(_ host: String) {
        if host == "0x" { #expect(IPAddress.parse(host) == .v4(0)); return }
        #expect(IPAddress.parse(host) == nil, "\(host) is not an address")
    }

    @Test func knownSpellingsGiveTheSameAddress() {
        let loopback = IPAddress.v4(0x7F00_0001)
        for spelling in ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "127.0.1", "0x7f.0x0.0x0.0x1"] {
            #expect(IPAddress.parse(spelling) == loopback, "\(spelling)")
        }
        #expect(IPAddress.parse("::ffff:127.0.0.1") == IPAddress.parse("::ffff:7f00:1"))
        #expect(IPAddress.parse("::ffff:127.0.0.1")?.embeddedV4 == 0x7F00_0001)
    }

    @Test func theURLRulesHoldForNamesAndSchemes() {
        #expect(WebhookEndpoint.problem(with: "https://feeds.example.org/lantern") == nil)
        #expect(WebhookEndpoint.problem(with: "http://feeds.example.org/lantern") != nil)
        #expect(WebhookEndpoint.problem(with: "https://localhost/hook") != nil)
        #expect(WebhookEndpoint.problem(with: "https://a.localhost/hook") != nil)
        #expect(WebhookEndpoint.problem(with: "https://user:pw@feeds.example.org/hook") != nil)
        #expect(WebhookEndpoint.problem(with: "ftp://feeds.example.org/hook") != nil)
        #expect(WebhookEndpoint.problem(with: "http://127.0.0.1:9000/hook", allowPrivateTargets: true) == nil)
        #expect(WebhookEndpoint.problem(withResolved: [.v4(0x0808_0808), .v4(0x0A00_0001)], host: "h", allowPrivateTargets: false) != nil,
                "one private address among public ones is enough to refuse")
        #expect(WebhookEndpoint.problem(withResolved: [], host: "h", allowPrivateTargets: false) != nil)
        #expect(WebhookEndpoint.problem(withResolved: [.v4(0x0808_0808)], host: "h", allowPrivateTargets: false) == nil)
    }

    /// Every IPv4 address is classified the same written dotted, as one
    /// decimal number, in hex, and mapped into IPv6.
    @Test func everySpellingOfAnIPv4AddressIsClassifiedAlike() async {
        await propertyCheck(count: 500, input: Gen.uint32()) { raw in
            let address = IPAddress.v4(raw)
            let dotted = address.description
            #expect(IPAddress.parse(dotted) == address)
            #expect(IPAddress.parse(String(raw)) == address)
            #expect(IPAddress.parse("0x" + String(raw, radix: 16)) == address)
            let mapped = IPAddress.parse("::ffff:" + dotted)
            #expect(mapped?.embeddedV4 == raw)
            #expect((mapped?.nonPublicRange == nil) == (address.nonPublicRange == nil))
        }
    }

    /// The classification agrees with a plain reading of each range.
    @Test func rangesMatchTheirPrefixes() async {
        let ranges: [(UInt32, UInt32)] = [(0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16),
                                          (0xAC10_0000, 12), (0xC0A8_0000, 16)]
        await propertyCheck(count: 500, input: Gen.uint32()) { raw in
            let inRequired = ranges.contains { raw >> (32 - $0.1) == $0.0 >> (32 - $0.1) }
            if inRequired { #expect(IPAddress.v4(raw).nonPublicRange != nil) }
        }
        await propertyCheck(count: 300, input: Gen.int(in: 0...6), Gen.uint32()) { index, raw in
            let (network, bits) = ranges[index]
            let inside = network | (raw >> bits)
            #expect(IPAddress.v4(inside).nonPublicRange != nil, "\(IPAddress.v4(inside)) lies in a refused range")
        }
    }

    /// IPv6 text written out in full parses back to the same bytes, and
    /// fc00::/7 and fe80::/10 are refused whatever follows the prefix.
    @Test func ipv6RoundTripsAndPrefixesHold() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 16)) { bytes in
            let address = IPAddress.v6(bytes)
            #expect(IPAddress.parse(address.description) == address)
            var unique = bytes
            unique[0] = 0xFC | (bytes[0] & 0x01)
            #expect(IPAddress.v6(unique).nonPublicRange != nil)
            var link = bytes
            link[0] = 0xFE
            link[1] = 0x80 | (bytes[1] & 0x3F)
            #expect(IPAddress.v6(link).nonPublicRange != nil)
        }
    }
}
