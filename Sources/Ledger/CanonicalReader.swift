/// Reads what ``CanonicalWriter`` wrote, refusing truncated or over-long input.
struct CanonicalReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int, what: String) throws(LedgerError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - offset >= count else {
            throw LedgerError(
                .malformedEntryBytes,
                "Entry bytes end early reading \(what) at byte \(offset); pass the canonical bytes exactly as stored."
            )
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func readUInt8(_ what: String) throws(LedgerError) -> UInt8 {
        try take(1, what: what).first!
    }

    mutating func readUInt32(_ what: String) throws(LedgerError) -> UInt32 {
        try take(4, what: what).reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func readUInt64(_ what: String) throws(LedgerError) -> UInt64 {
        try take(8, what: what).reduce(0) { ($0 << 8) | UInt64($1) }
    }

    mutating func readField(_ what: String) throws(LedgerError) -> String {
        let count = try readUInt32("length of \(what)")
        let slice = try take(Int(count), what: what)
        // Decoding repairs bad UTF-8 with U+FFFD, so a changed round trip means invalid input.
        // (String(validating:) would say it directly but needs macOS 15.)
        let text = String(decoding: slice, as: UTF8.self)
        guard text.utf8.elementsEqual(slice) else {
            throw LedgerError(.malformedEntryBytes, "Field \(what) is not valid UTF-8; the stored bytes were damaged.")
        }
        return text
    }
}
