import EncodedLinkage
import Foundation

/// The secret shared by the partners under their agreement, read from a file that only
/// the encoding partner holds. It is never logged, stored or audited: callers keep the
/// bytes in memory only as long as the encoder needs them.
enum SecretFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The file's bytes, less trailing line ends (so that `echo` and editors give the same
    /// secret as clkhash's `--secret` argument given the same text).
    static func read(path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "secret file \(path): cannot be read: check the path and its permissions")
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else {
            throw Problem(description: "secret file \(path): is empty: put the secret agreed with the other partners in it")
        }
        guard bytes.count >= CLKEncoder.minimumSecretBytes else {
            throw Problem(description: "secret file \(path): the secret is \(bytes.count) bytes; it must be at least "
                          + "\(CLKEncoder.minimumSecretBytes) (a random secret of 32 characters or more is best)")
        }
        return bytes
    }
}
