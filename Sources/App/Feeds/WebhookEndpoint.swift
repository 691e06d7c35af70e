import Crypto
import Foundation

/// What a webhook endpoint must be, and its signing secret: the same rules
/// for the command line and the page.
enum WebhookEndpoint {
    /// Why `url` cannot receive alerts, or nil when it can: https, or plain
    /// http to this machine for testing.
    static func problem(with url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host, !host.isEmpty else {
            return "give a full URL such as https://feeds.example.org/lantern"
        }
        let local = ["127.0.0.1", "localhost", "::1"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            return "the URL must use https (plain http only to this machine, for testing)"
        }
        return nil
    }

    /// A new 256-bit signing secret.
    static func newSecret() -> [UInt8] { SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) } }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
