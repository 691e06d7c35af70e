import Crypto
import Foundation

/// What a webhook endpoint must be, and its signing secret: the same rules
/// for the command line, the page and every delivery.
///
/// Contract: an endpoint is an https URL whose host is on the public
/// internet: never loopback, private, link-local, carrier-grade NAT or any
/// other range `IPAddress.nonPublicRange` names, however the address is
/// spelt, so that a subscription cannot make Lantern call into its own
/// network (server-side request forgery). The one exception is
/// `allowPrivateTargets`, set only by the end-to-end webhook tests through
/// `LanternConfiguration.allowPrivateWebhookTargets`, which allows plain
/// http and any address.
enum WebhookEndpoint {
    /// Why `url` cannot receive alerts, or nil when it can, judged on the
    /// URL alone (a host name is judged again on what it resolves to).
    static func problem(with url: String, allowPrivateTargets: Bool = false) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty else {
            return "give a full URL such as https://feeds.example.org/lantern"
        }
        if allowPrivateTargets { return scheme == "https" || scheme == "http" ? nil : "the URL must use https" }
        guard scheme == "https" else { return "the URL must use https" }
        guard parsed.user == nil, parsed.password == nil else {
            return "the URL must not carry a user name or password: the signature proves the sender"
        }
        let name = host.lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") || name == "localhost." {
            return "the URL points at this machine: webhooks go only to public addresses"
        }
        if let address = IPAddress.parse(name), let range = address.nonPublicRange {
            return "the URL points at \(range): webhooks go only to public addresses"
        }
        return nil
    }

    /// Why the addresses `host` resolved to may not be sent to, or nil when
    /// every one is public. Every address is checked, not only the first,
    /// as the connection may use any of them.
    static func problem(withResolved addresses: [IPAddress], host: String, allowPrivateTargets: Bool) -> String? {
        guard !addresses.isEmpty else { return "\(host) does not resolve to any address" }
        if allowPrivateTargets { return nil }
        guard let refused = addresses.first(where: { $0.nonPublicRange != nil }), let range = refused.nonPublicRange else { return nil }
        return "\(host) resolves to \(range): webhooks go only to public addresses"
    }

    /// The URL's problem, or else the problem with what its host resolves to
    /// now. A name that does not resolve yet is accepted: every delivery
    /// resolves and checks it again.
    static func problemResolving(_ url: String, allowPrivateTargets: Bool,
                                 resolver: AddressResolver = .system) async throws -> String? {
        if let problem = problem(with: url, allowPrivateTargets: allowPrivateTargets) { return problem }
        guard let host = URL(string: url)?.host else { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await resolver.resolve(bare)
        return addresses.isEmpty ? nil : problem(withResolved: addresses, host: bare, allowPrivateTargets: allowPrivateTargets)
    }

    /// A new 256-bit signing secret.
    static func newSecret() -> [UInt8] { SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) } }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
