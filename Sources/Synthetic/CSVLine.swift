/// Builds one CSV line field by field, quoting only where RFC 4180 needs it.
///
/// Use one per line: `var line = CSVLine(); line.add(...); sink.write(file:, line: line.text)`.
/// Contract: a field containing a comma, a double quote or a line break is
/// wrapped in quotes with inner quotes doubled; nil and "" both give an empty field.
struct CSVLine {
    // Bytes rather than a String: appending to a byte array is the cheapest
    // way to build millions of lines.
    private var bytes: [UInt8] = []
    private var count = 0

    init(capacity: Int = 160) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func add(_ field: String?) {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        count += 1
        guard var field, !field.isEmpty else { return }
        field.withUTF8 { utf8 in
            guard CSVLine.needsQuotes(utf8) else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            return true
        }
        return false
    }

    /// A header line from column names.
    static func header(_ columns: [String]) -> String {
        columns.joined(separator: ",")
    }
}
