import Foundation
import LanternDomain
import Linkage

/// A people file cut into slices of whole rows, so that each slice is parsed and
/// standardised on a core of its own instead of every row passing through the reader.
///
/// Parsing was a quarter of a run's first stage and ran on the reader's core alone.
/// Contract: the pieces, taken in order, give the same records, set-aside rows and
/// refusals, with the same lines, as `PeopleFileStream` reading the file whole. The header
/// is read here; a record longer than any real one (almost always a quote never closed),
/// or a file whose lines end in carriage returns alone, is read on by one
/// `PeopleFileStream` from where slicing stopped, so its refusal names the same line.
struct PeopleFileSlices {
    /// What the reader hands on: rows still to parse, or rows it parsed itself.
    enum Piece: Sendable {
        case rows(PeopleRows)
        case parsed(records: [LinkageRecord], unidentifiable: [String])
    }

    /// A slice no longer than this without a record ending in it is read by one parser.
    static let longestSlicedRecord = 4 << 20

    private let handle: FileHandle
    private let name: String
    private let source: String
    private let sliceBytes: Int
    private var boundaries = CSVRecordBoundaries()
    /// Bytes read and not yet handed on; they start a record on `carriedLine`.
    private var carried: [UInt8] = []
    /// Every cut follows a line feed, so only bytes from the file's very start are on line 1.
    private var carriedLine = 1
    /// How many of the carried bytes the scanner has seen.
    private var scanned = 0
    private var columns: PeopleColumns?
    private var atEnd = false
    private var done = false
    private var rest: PeopleFileStream?

    init(path: String, source: String, sliceBytes: Int = 4 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PeopleFileReader.Problem(description: "cannot read \(path): check the path")
        }
        self.handle = handle
        name = (path as NSString).lastPathComponent
        self.source = source
        self.sliceBytes = max(1, sliceBytes)
    }

    /// The next piece of the file in order, or nil when it is all handed on.
    mutating func next() throws -> Piece? {
        if var stream = rest {
            defer { rest = stream }
            guard let records = try stream.next(batchSize: 50_000) else { return nil }
            return .parsed(records: records, unidentifiable: stream.takeUnidentifiable())
        }
        while !done {
            if scanned < carried.count {
                let from = scanned
                // Until the header is read, only as far as the first record: the rows after
                // it go to the workers like any others.
                let readingHeader = columns == nil
                let cut = carried.withUnsafeBufferPointer { all in
                    boundaries.scan(UnsafeBufferPointer(rebasing: all[from...]), firstCutOnly: readingHeader)
                }
                if let cut {
                    let end = from + cut.end
                    let slice = Array(carried[..<end])
                    carried.removeFirst(end)
                    scanned = readingHeader ? 0 : carried.count
                    let piece = try handOn(slice, finishing: false)
                    carriedLine = cut.line
                    if let piece { return piece }
                    continue
                }
                scanned = carried.count
                if carried.count > Self.longestSlicedRecord {
                    rest = PeopleFileStream(continuing: handle, name: name, source: source, columns: columns,
                                            carried: carried, parser: parser())
                    carried = []
                    return try next()
                }
            }
            if atEnd {
                done = true
                if carried.isEmpty, columns != nil { return nil }
                return try handOn(carried, finishing: true)
            }
            let block = try handle.read(upToCount: sliceBytes) ?? Data()
            if block.isEmpty {
                atEnd = true
                try? handle.close()
            } else {
                carried.append(contentsOf: block)
            }
        }
        return nil
    }

    /// A parser for the bytes from `carriedLine` on, reading a byte order mark only at the
    /// file's start.
    private func parser() -> CSVParser {
        carriedLine > 1 ? CSVParser(continuingAtLine: carriedLine) : CSVParser()
    }

    /// Rows for a worker once the header is known; until then the slice is read here.
    private mutating func handOn(_ slice: [UInt8], finishing: Bool) throws -> Piece? {
        if let columns {
            return .rows(PeopleRows(bytes: slice, firstLine: carriedLine, finishing: finishing, columns: columns))
        }
        var parser = parser()
        let read = try PeopleRows.read(slice, parser: &parser, finishing: finishing, file: name, source: source,
                                       columns: &columns)
        if finishing, columns == nil {
            throw PeopleFileReader.Problem(description: "\(name):1: the file is empty: it needs a header line with record_id")
        }
        return read.records.isEmpty && read.unidentifiable.isEmpty ? nil : .parsed(records: read.records, unidentifiable: read.unidentifiable)
    }
}

/// Whole rows of a people file, cut by `PeopleFileSlices`, to be parsed on any core.
struct PeopleRows: Sendable {
    let bytes: [UInt8]
    let firstLine: Int
    /// Whether the file ends with these rows, so that a quote left open is refused.
    let finishing: Bool
    let columns: PeopleColumns

    func read() throws -> (records: [LinkageRecord], unidentifiable: [String]) {
        var parser = CSVParser(continuingAtLine: firstLine)
        var columns: PeopleColumns? = columns
        return try Self.read(bytes, parser: &parser, finishing: finishing, file: self.columns.file,
                             source: self.columns.source, columns: &columns)
    }

    /// Parses `bytes` into records, taking the first row as the header while `columns` is
    /// nil, and refuses a field that runs on or a quote never closed as a reader of the
    /// whole file would: the first problem in the file's order is the one named.
    static func read(_ bytes: [UInt8], parser: inout CSVParser, finishing: Bool, file: String, source: String,
                     columns: inout PeopleColumns?) throws -> (records: [LinkageRecord], unidentifiable: [String]) {
        var rows: [CSVRecord] = []
        parser.feed(bytes) { rows.append($0) }
        if finishing { parser.finish { rows.append($0) } }
        var records: [LinkageRecord] = []
        records.reserveCapacity(rows.count)
        var unidentifiable: [String] = []
        var firstProblem: (line: Int, error: PeopleFileReader.Problem)?
        for row in rows {
            if let runaway = parser.runawayFieldLine, runaway <= row.line { break }
            do {
                guard let columns else {
                    columns = try PeopleColumns(header: row, file: file, source: source)
                    continue
                }
                if let record = try columns.record(row) { records.append(record) } else { unidentifiable.append("\(file):\(row.line)") }
            } catch {
                firstProblem = (row.line, error)
                break
            }
        }
        if let line = parser.runawayFieldLine, line <= (firstProblem?.line ?? .max) {
            throw PeopleFileReader.Problem(
                description: "\(file):\(line): a field runs on past 1 MiB: a quote on this line is probably never closed")
        }
        if let firstProblem { throw firstProblem.error }
        if let line = parser.unterminatedQuoteLine {
            throw PeopleFileReader.Problem(description: "\(file):\(line): a quoted field is never closed")
        }
        return (records, unidentifiable)
    }
}
