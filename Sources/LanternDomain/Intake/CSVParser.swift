/// One record read from a CSV file: its fields and the physical line it started on.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
}

/// An incremental RFC 4180 CSV parser that takes bytes in chunks of any size.
///
/// Use it to stream large extracts: memory holds one record at a time, not the
/// file. Contract: quoted fields may contain commas, doubled quotes and line
/// breaks; CRLF and LF both end records; blank lines are skipped; a UTF-8 byte
/// order mark at the start is dropped; the first bytes that are not
/// well-formed UTF-8 are noted in `encodingFault` (fields are still split, so
/// the caller can name the field, but must refuse the file); a field that grows
/// past `maximumFieldBytes` (almost always a quote never closed, swallowing the
/// lines after it) stops growing and is noted in `runawayFieldLine`, so memory
/// stays bounded however large the file, and the caller must refuse the file.
public struct CSVParser: Sendable {
    /// A mebibyte: far above any real field, far below a file's worth of lines.
    public static let defaultMaximumFieldBytes = 1 << 20
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteSeen = false
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false
    private var sawAnyByteInRecord = false
    /// Set when a record ends inside an open quote at end of input.
    public private(set) var unterminatedQuoteLine: Int?
    /// Where the input first stops being well-formed UTF-8, if it does.
    public private(set) var encodingFault: CSVEncodingFault?
    /// The line of the record whose field outgrew `maximumFieldBytes`, if one did.
    public private(set) var runawayFieldLine: Int?
    private let maximumFieldBytes: Int
    private var utf8 = UTF8Validator()

    public init(maximumFieldBytes: Int = CSVParser.defaultMaximumFieldBytes) {
        self.maximumFieldBytes = max(1, maximumFieldBytes)
    }

    /// A parser for bytes that continue a file from one of `CSVRecordBoundaries`' cuts,
    /// with the line the scanner gave there: it reads them exactly as a parser that read
    /// the file from its start would, so slices of one file can be parsed side by side.
    public init(maximumFieldBytes: Int = CSVParser.defaultMaximumFieldBytes, continuingAtLine line: Int) {
        self.init(maximumFieldBytes: maximumFieldBytes)
        self.line = max(1, line)
        recordLine = self.line
        // A byte order mark counts only at the very start of a file.
        position = 3
    }

    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: (CSVRecord) throws -> Void) rethrows {
        // Every caller hands over contiguous bytes (a chunk of a file as Data, or an
        // array). Read through a buffer, the loop is compiled for this module's own
        // types; through the caller's generic iterator it cost a call per byte, the
        // largest part of reading a people file.
        let done: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            var i = 0
            while i < buffer.count {
                i = takeRun(buffer, from: i)
                if i < buffer.count {
                    try feed(byte: buffer[i], emit: emit)
                    i += 1
                }
            }
        }
        if done == nil {
            for byte in bytes { try feed(byte: byte, emit: emit) }
        }
    }

    /// Appends the run of plain bytes starting at `start` to the field in one copy and
    /// returns where the run ends; the byte there goes through `feed(byte:)`.
    ///
    /// Byte by byte, appending to the field cost more than the rest of reading a people
    /// file. A plain byte is ASCII and not one the state machine acts on (a quote, and
    /// outside quotes a comma or line break), read between whole UTF-8 sequences after the
    /// byte order mark, so taking a run changes nothing but speed.
    @inline(__always)
    private mutating func takeRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard position >= 3, !pendingCR, !utf8.isInsideSequence else { return start }
        var end = start
        if inQuotes {
            while end < buffer.count, buffer[end] < 0x80, buffer[end] != 0x22, buffer[end] != 0x0A { end += 1 }
        } else {
            while end < buffer.count, buffer[end] < 0x80, buffer[end] != 0x22, buffer[end] != 0x2C,
                  buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
        }
        guard end > start else { return start }
        let room = maximumFieldBytes - field.count
        if end - start > room {
            if room > 0 { field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<(start + room)])) }
            if runawayFieldLine == nil { runawayFieldLine = recordLine }
        } else {
            field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
        if !inQuotes {
            quoteSeen = false
            sawAnyByteInRecord = true
        }
        return end
    }

    @inline(__always)
    private mutating func feed(byte: UInt8, emit: (CSVRecord) throws -> Void) rethrows {
        // Checked before the byte order mark is dropped, so a broken mark is a fault too.
        if encodingFault == nil, !utf8.accept(byte) { noteEncodingFault() }
        if position < 3 {
            position += 1
            if byte == Self.byteOrderMark[position - 1] && bomSoFar == position - 1 { bomSoFar += 1; return }
        }
        try consume(byte, emit: emit)
    }
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private var position = 0
    private var bomSoFar = 0

    /// Called before the byte that revealed the fault is consumed: a line
    /// feed or comma that cut a sequence short belongs to the next line or field.
    private mutating func noteEncodingFault() {
        encodingFault = CSVEncodingFault(line: line, recordLine: recordLine, field: fields.count)
    }

    private mutating func consume(_ byte: UInt8, emit: (CSVRecord) throws -> Void) rethrows {
        if pendingCR {
            pendingCR = false
            if byte == 0x0A { return }
        }
        if inQuotes {
            if byte == 0x22 {
                inQuotes = false
                quoteSeen = true
            } else {
                if byte == 0x0A { line += 1 }
                appendToField(byte)
            }
            return
        }
        switch byte {
        case 0x22:
            if quoteSeen {
                // A doubled quote inside a quoted field is one literal quote.
                field.append(0x22)
                inQuotes = true
                quoteSeen = false
            } else if field.isEmpty {
                inQuotes = true
            } else {
                field.append(byte)
            }
            sawAnyByteInRecord = true
        case 0x2C:
            endField()
            sawAnyByteInRecord = true
        case 0x0A, 0x0D:
            if byte == 0x0D { pendingCR = true }
            try endRecord(emit: emit)
            line += 1
            recordLine = line
        default:
            quoteSeen = false
            appendToField(byte)
            sawAnyByteInRecord = true
        }
    }

    @inline(__always)
    private mutating func appendToField(_ byte: UInt8) {
        guard field.count < maximumFieldBytes else {
            if runawayFieldLine == nil { runawayFieldLine = recordLine }
            return
        }
        field.append(byte)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        quoteSeen = false
    }

    private mutating func endRecord(emit: (CSVRecord) throws -> Void) rethrows {
        defer { sawAnyByteInRecord = false }
        guard sawAnyByteInRecord || !field.isEmpty else {
            fields.removeAll(keepingCapacity: true)
            return
        }
        endField()
        let record = CSVRecord(fields: fields, line: recordLine)
        fields.removeAll(keepingCapacity: true)
        try emit(record)
    }

    /// Flushes the last record when the file does not end with a line break.
    public mutating func finish(emit: (CSVRecord) throws -> Void) rethrows {
        if encodingFault == nil, !utf8.finish() { noteEncodingFault() }
        if inQuotes { unterminatedQuoteLine = recordLine; inQuotes = false }
        try endRecord(emit: emit)
    }
}

/// Where a CSV file first stops being UTF-8: the physical line, the line its
/// record starts on (the line other problems name) and the field's index.
public struct CSVEncodingFault: Sendable, Equatable {
    public var line: Int
    public var recordLine: Int
    public var field: Int

    public init(line: Int, recordLine: Int, field: Int) {
        self.line = line
        self.recordLine = recordLine
        self.field = field
    }
}
