import Crypto
import Foundation

/// The keyed hash a disposal tombstone is filed under: HMAC-SHA256 of the
/// import kind, the partner and the partner's own record id, under a key
/// derived from the ledger key. Record ids are guessable (`P-1`), so a plain
/// hash could be reversed by trying them; without the key it cannot.
///
/// Use ``tag(kind:partner:recordID:)`` both when disposing (to keep the
/// tombstone) and when importing (to look it up). Contract: the same inputs
/// and ledger key always give the same tag; nothing in it can be read back.
struct TombstoneKey {
    let key: SymmetricKey

    init(key: SymmetricKey) { self.key = key }

    func tag(kind: String, partner: String, recordID: String) -> String {
        let message = Array("\(kind)\u{1F}\(partner)\u{1F}\(recordID)".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: key).map { String(format: "%02x", $0) }.joined()
    }
}
