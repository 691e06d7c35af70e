/// Finds where records end in a CSV byte stream without building any field, so that a
/// large file can be cut into slices that are parsed on separate cores.
///
/// Use it ahead of `CSVParser(continuingAtLine:)`: feed the file's bytes in order to `scan`,
/// cut at an offset it returns, and start each slice's parser at the line it gave there.
/// Contract: it follows `CSVParser`'s rules for quotes, line breaks and a leading byte order
/// mark, so the slices' records (fields and lines) are exactly those one parser gives over
/// the whole file. It cuts only just after a line feed outside quotes, never between a
/// carriage return and its line feed; a file whose lines end in carriage returns alone
/// offers no cut, and its caller reads it with one parser.
public struct CSVRecordBoundaries: Sendable {
    private var inQuotes = false
    private var quoteSeen = false
    private var fieldIsEmpty = true
    private var pendingCR = false
    private var position = 0
    private var byteOrderMarkSoFar = 0
    /// The line the next byte is on, counted as `CSVParser` counts it.
    public private(set) var line = 1

    public init() {}

    /// Reads `bytes`, the next bytes of the stream, and returns the offset in them just past
    /// the last cut they hold, with the line a record starting there is on; nil when they
    /// hold no cut. With `firstCutOnly` it stops at the first cut, and the bytes after it
    /// are still to be scanned.
    public mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, firstCutOnly: Bool = false) -> (end: Int, line: Int)? {
        var last: (end: Int, line: Int)?
        var i = 0
        let count = bytes.count
        while i < count {
            // Runs of bytes that change nothing but "this field has something in it", the
            // whole of most of a file, are passed over without the state machine.
            if !pendingCR, position >= 3 {
                let start = i
                if inQuotes {
                    while i < count, bytes[i] != 0x22 {
                        if bytes[i] == 0x0A { line += 1 }
                        i += 1
                    }
                    if i > start { fieldIsEmpty = false }
                } else {
                    while i < count, bytes[i] > 0x2C || (bytes[i] != 0x22 && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D) {
                        i += 1
                    }
                    if i > start {
                        fieldIsEmpty = false
                        quoteSeen = false
                    }
                }
                if i == count { break }
            }
            let byte = bytes[i]
            i += 1
            if step(byte) {
                last = (i, line)
                if firstCutOnly { return last }
            }
        }
        return last
    }

    /// Takes one byte through the state machine; true when a record ends just after it at
    /// a place a slice may start.
    @inline(__always)
    private mutating func step(_ byte: UInt8) -> Bool {
        if position < 3 {
            position += 1
            if byte == Self.byteOrderMark[position - 1] && byteOrderMarkSoFar == position - 1 {
                byteOrderMarkSoFar += 1
                return false
            }
        }
        if pendingCR {
            pendingCR = false
            if byte == 0x0A { return true }
        }
        if inQuotes {
            if byte == 0x22 {
                inQuotes = false
                quoteSeen = true
            } else {
                if byte == 0x0A { line += 1 }
                fieldIsEmpty = false
            }
            return false
        }
        switch byte {
        case 0x22:
            if quoteSeen {
                fieldIsEmpty = false
                inQuotes = true
                quoteSeen = false
            } else if fieldIsEmpty {
                inQuotes = true
            } else {
                fieldIsEmpty = false
            }
        case 0x2C:
            fieldIsEmpty = true
            quoteSeen = false
        case 0x0A:
            line += 1
            fieldIsEmpty = true
            quoteSeen = false
            return true
        case 0x0D:
            line += 1
            fieldIsEmpty = true
            quoteSeen = false
            pendingCR = true
        default:
            quoteSeen = false
            fieldIsEmpty = false
        }
        return false
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
