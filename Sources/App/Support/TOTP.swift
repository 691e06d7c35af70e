import Crypto
import Foundation
import Vapor

/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1,
/// 30-second steps, 6 digits): the codes authenticator apps show.
///
/// Contract: `verify` accepts the code for the current step and one step
/// either side, to allow for clock drift; the time is passed in.
struct TOTP: Sendable {
    let secret: [UInt8]
    static let step: TimeInterval = 30

    func code(at time: Date) -> String {
        code(counter: UInt64(max(0, time.timeIntervalSince1970) / Self.step))
    }

    func code(counter: UInt64) -> String {
        var message = counter.bigEndian
        let mac = withUnsafeBytes(of: &message) { bytes in
            Array(HMAC<Insecure.SHA1>.authenticationCode(for: bytes, using: SymmetricKey(data: secret)))
        }
        // RFC 4226 dynamic truncation.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let text = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    func verify(_ code: String, at time: Date) -> Bool {
        matchingStep(code, at: time) != nil
    }

    /// The time step whose code this is, within one step either side of
    /// `time`, or nil. Sign-in claims the step so the code works only once.
    func matchingStep(_ code: String, at time: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6 else { return nil }
        let counter = Int64(max(0, time.timeIntervalSince1970) / Self.step)
        return (-1...1).map { counter + Int64($0) }.first { step in
            step >= 0 && self.code(counter: UInt64(step)) == digits
        }
    }

    /// RFC 4648 base32, as authenticator apps expect the secret.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return output
    }
}

/// Seals second-factor secrets at rest with AES-GCM under a key kept beside
/// the ledger key, so a copy of the database alone does not give them away.
struct SecretBox: Sendable {
    /// Raw key bytes: `SymmetricKey` is not declared Sendable, the bytes are.
    let keyBytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    init(key: SymmetricKey) { keyBytes = key.withUnsafeBytes { Array($0) } }

    func seal(_ bytes: [UInt8]) throws -> String {
        guard let combined = try AES.GCM.seal(bytes, using: key).combined else { throw SecretBoxError.sealFailed }
        return combined.base64EncodedString()
    }

    func open(_ text: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else { throw SecretBoxError.unreadable }
        return Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key))
    }

    enum SecretBoxError: Error { case sealFailed, unreadable }

    /// The key from `LANTERN_SECRET_KEY` (base64 of 32 bytes) or
    /// `secrets.key` in the data directory, made on first start.
    static func load(_ config: LanternConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SecretBox {
        if let text = environment["LANTERN_SECRET_KEY"], let data = Data(base64Encoded: text), data.count == 32 {
            return SecretBox(key: SymmetricKey(data: data))
        }
        let path = (config.dataDirectory as NSString).appendingPathComponent("secrets.key")
        if let existing = FileManager.default.contents(atPath: path), existing.count == 32 {
            return SecretBox(key: SymmetricKey(data: existing))
        }
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SecretBoxError.sealFailed
        }
        return SecretBox(key: key)
    }
}

extension Application {
    private struct SecretBoxKey: StorageKey { typealias Value = SecretBox }
    private struct SecondFactorClockKey: StorageKey { typealias Value = @Sendable () -> Date }

    /// The time second-factor codes are checked against: the wall clock, or a fixed
    /// instant in tests, so that a slow run cannot push a code out of its window.
    var secondFactorClock: @Sendable () -> Date {
        get { storage[SecondFactorClockKey.self] ?? { Date() } }
        set { storage[SecondFactorClockKey.self] = newValue }
    }

    var secretBox: SecretBox {
        get {
            guard let box = storage[SecretBoxKey.self] else { fatalError("configure(_:_:) sets the secret box before use") }
            return box
        }
        set { storage[SecretBoxKey.self] = newValue }
    }
}
