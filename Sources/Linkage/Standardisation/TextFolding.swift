import Foundation

/// Folds free text into the upper-case, accent-free byte form every standardiser works on.
///
/// Use it before tokenising names or addresses. Contract: the result holds upper-case ASCII
/// letters and digits, single spaces between tokens, and any letters that have no Latin
/// form (Cyrillic, Arabic, CJK...) as their upper-cased UTF-8 bytes. Apostrophes are
/// dropped (O'Neil -> ONEIL); all other punctuation separates tokens. Input is cut to
/// `maximumInputLength` characters so that a hostile 1,000-character field costs little.
enum TextFolding {
    static let maximumInputLength = 200

    /// The folded tokens of `text`, each at most `maximumTokenLength` bytes.
    static func tokens(_ text: String, maximumTokenLength: Int = 40) -> [String] {
        let bytes = folded(text)
        var result: [String] = []
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in 0...all.count where end == all.count || all[end] == 0x20 {
                if end > start {
                    let cut = min(end, start + maximumTokenLength)
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: all[start..<cut]), as: UTF8.self))
                }
                start = end + 1
            }
        }
        return result
    }

    /// The folded text as bytes, tokens separated by single spaces.
    static func folded(_ text: String) -> [UInt8] {
        let source = text.utf8.count > maximumInputLength * 4 ? String(text.prefix(maximumInputLength)) : text
        // Nearly every field is plain ASCII: fold it in one pass, and only text with other
        // letters pays for Unicode folding.
        return fold(source, keepingOtherBytes: false) ?? fold(foldNonASCII(source), keepingOtherBytes: true) ?? []
    }

    /// Folds ASCII bytes; a byte above 0x7F is kept when `keepingOtherBytes`, else gives nil.
    private static func fold(_ text: String, keepingOtherBytes: Bool) -> [UInt8]? {
        var text = text
        return text.withUTF8 { source -> [UInt8]? in
            var failed = false
            let out = [UInt8](unsafeUninitializedCapacity: source.count) { out, written in
                var n = 0
                var pendingSpace = false
                for byte in source {
                    switch byte {
                    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x80...0xFF:
                        if byte >= 0x80, !keepingOtherBytes { failed = true; break }
                        if pendingSpace, n > 0 { out[n] = 0x20; n += 1 }
                        pendingSpace = false
                        // Letters a-z upper-cased; bytes of a letter with no Latin form kept as written.
                        out[n] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                        n += 1
                    case 0x27, 0x60:  // apostrophe, backtick: O'Neil is ONEIL
                        continue
                    default:
                        pendingSpace = true
                    }
                    if failed { break }
                }
                written = failed ? 0 : n
            }
            return failed ? nil : out
        }
    }

    /// Removes diacritics and maps the Latin letters Unicode does not decompose.
    private static func foldNonASCII(_ text: String) -> String {
        let stripped = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(stripped.utf8.count)
        for scalar in stripped.unicodeScalars {
            switch scalar {
            case "ß": out += "ss"
            case "æ", "Æ": out += "ae"
            case "œ", "Œ": out += "oe"
            case "ø", "Ø": out += "o"
            case "ł", "Ł": out += "l"
            case "đ", "Đ", "ð", "Ð": out += "d"
            case "þ", "Þ": out += "th"
            case "ı": out += "i"
            case "’", "‘", "ʼ": out += "'"
            case "‐", "‑", "–", "—": out += "-"
            default:
                if scalar.properties.isWhitespace {
                    out += " "
                } else if scalar.isASCII || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += " "
                }
            }
        }
        return out.uppercased()
    }

    /// FNV-1a 64-bit hash of bytes: stable across runs and platforms, used for blocking keys.
    @inline(__always)
    static func hash<C: Collection>(_ bytes: C, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
        var h = seed
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Mixes several integers into one non-zero 64-bit key (zero means "no key").
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x == 0 ? 1 : x
    }
}
