import Crypto
import Foundation

/// How Lantern signs a webhook and a partner checks it: HMAC-SHA256 under the
/// subscription's secret over `timestamp + "." + body`, sent as
/// `X-Lantern-Signature: sha256=<hex>` with `X-Lantern-Timestamp`. Binding the
/// time stops an old delivery being replayed; the receiver should refuse one
/// older than `tolerance`.
public enum WebhookSignature {
    public static let tolerance: TimeInterval = 300

    public static func sign(body: [UInt8], timestamp: Int64, secret: [UInt8]) -> String {
        var message = Array("\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// What a receiver does: recompute, compare in constant time, check the age.
    public static func verify(body: [UInt8], timestamp: Int64, signature: String, secret: [UInt8], now: Date) -> Bool {
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance,
              signature.hasPrefix("sha256="), let given = hexBytes(String(signature.dropFirst(7))), given.count == 32 else { return false }
        var message = Array("\(timestamp).".utf8)
        message += body
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message, using: SymmetricKey(data: secret))
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
