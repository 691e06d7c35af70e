import Crypto
import Foundation

/// The per-feature secret keys clkhash derives from the shared secret: HKDF over the
/// secret with the schema's hash, salt and info, cut into two keys of `keySize` bytes
/// for every feature, ignored features included, in schema order.
///
/// Contract: the same secret and schema give the same keys as clkhash's
/// `generate_key_lists`; `blakeHash` uses a feature's first key, `doubleHash` its first
/// key for HMAC-SHA1 and its second for HMAC-MD5.
public struct FeatureKeys: Sendable, Equatable {
    public let keys: [[[UInt8]]]

    public init(secret: [UInt8], schema: LinkageSchema) {
        let kdf = schema.kdf
        let count = schema.features.count * 2
        let material = SymmetricKey(data: secret)
        // An absent salt is HMAC's zero key either way: HKDF pads it to the block size.
        let salt = kdf.salt ?? []
        let info = kdf.info ?? []
        let bytes: [UInt8]
        switch kdf.hash {
        case .sha256:
            bytes = HKDF<SHA256>.deriveKey(inputKeyMaterial: material, salt: salt, info: info,
                                           outputByteCount: count * kdf.keySize).withUnsafeBytes { Array($0) }
        case .sha512:
            bytes = HKDF<SHA512>.deriveKey(inputKeyMaterial: material, salt: salt, info: info,
                                           outputByteCount: count * kdf.keySize).withUnsafeBytes { Array($0) }
        }
        keys = (0..<schema.features.count).map { feature in
            (0..<2).map { which in
                let start = (feature * 2 + which) * kdf.keySize
                return Array(bytes[start..<(start + kdf.keySize)])
            }
        }
    }
}
