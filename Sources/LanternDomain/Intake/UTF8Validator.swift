/// Checks, one byte at a time, that bytes are well-formed UTF-8.
///
/// Use it wherever an extract's bytes are read, so that a file in another
/// encoding is refused rather than loaded with replacement characters (the
/// extract format says files are UTF-8). Contract: accepts exactly the
/// well-formed sequences of the Unicode Standard, chapter 3, table 3-7: no
/// overlong forms, no UTF-16 surrogates (U+D800...U+DFFF), nothing above
/// U+10FFFF, no lone continuation bytes, no sequence cut short. `accept`
/// returns false on the byte that shows the sequence in progress is
/// ill-formed; `finish` returns false when the input ends inside a sequence.
/// A line feed (0x0A) is never part of a multi-byte sequence, so a caller
/// counting lines knows the line of a fault from the byte that reveals it.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected in the current sequence.
    private var remaining = 0
    /// The range the next continuation byte must fall in: narrower than
    /// 0x80...0xBF right after E0, ED, F0 and F4 (table 3-7).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    public init() {}

    /// True while a multi-byte sequence has started and not yet ended.
    public var isInsideSequence: Bool { remaining > 0 }

    public mutating func accept(_ byte: UInt8) -> Bool {
        if remaining == 0 {
            if byte < 0x80 { return true }
            switch byte {
            case 0xC2...0xDF: expect(1, 0x80, 0xBF)
            case 0xE0: expect(2, 0xA0, 0xBF)          // below A0 would be overlong
            case 0xE1...0xEC, 0xEE, 0xEF: expect(2, 0x80, 0xBF)
            case 0xED: expect(2, 0x80, 0x9F)          // A0...BF would be a surrogate
            case 0xF0: expect(3, 0x90, 0xBF)          // below 90 would be overlong
            case 0xF1...0xF3: expect(3, 0x80, 0xBF)
            case 0xF4: expect(3, 0x80, 0x8F)          // above 8F would pass U+10FFFF
            default: return false                     // 80...C1 and F5...FF never start a character
            }
            return true
        }
        guard byte >= low && byte <= high else {
            remaining = 0
            return false
        }
        remaining -= 1
        low = 0x80
        high = 0xBF
        return true
    }

    /// False when the input ended in the middle of a sequence.
    public func finish() -> Bool { remaining == 0 }

    private mutating func expect(_ count: Int, _ low: UInt8, _ high: UInt8) {
        remaining = count
        self.low = low
        self.high = high
    }

    /// The line (counting from 1, a line ending at each line feed) on which
    /// `bytes` first stop being well-formed UTF-8, or nil when they are.
    public static func firstInvalidLine(in bytes: some Sequence<UInt8>) -> Int? {
        var validator = UTF8Validator()
        var line = 1
        for byte in bytes {
            guard validator.accept(byte) else { return line }
            if byte == 0x0A { line += 1 }
        }
        return validator.finish() ? nil : line
    }
}
