import Foundation
import LanternDomain

/// One raw row of an extract, as column name -> text, with its line.
struct RawRow: Sendable {
    var values: [String: String]
    var line: Int
    /// Set when the row could not be read into columns at all.
    var problem: ImportProblem?
}

/// Turns chunks of bytes into raw rows for any of the extract formats,
/// holding at most one unfinished row between chunks.
struct RecordStream {
    let format: ExtractSource.Format
    let file: String
    private var csv = CSVParser()
    private(set) var header: [String]?
    private var headerProblems: [ImportProblem] = []
    private var pendingLine: [UInt8] = []
    private var lineNumber = 0
    private var arrayBuffer = Data()
    /// For the JSON formats; CSV checks encoding inside its parser, per field.
    private var utf8 = UTF8Validator()
    private var bytesSeen = 0
    let checkHeader: ([String]) -> Result<[String], HeaderProblems>
    let knownColumns: Set<String>

    init(format: ExtractSource.Format, file: String, knownColumns: Set<String>,
         checkHeader: @escaping ([String]) -> Result<[String], HeaderProblems>) {
        self.format = format
        self.file = file
        self.knownColumns = knownColumns
        self.checkHeader = checkHeader
    }

    mutating func feed(_ chunk: Data, emit: (RawRow) throws -> Void) throws {
        // A UTF-8 byte order mark is allowed at the start, as for CSV.
        let chunk = bytesSeen == 0 && format != .csv && chunk.starts(with: [0xEF, 0xBB, 0xBF]) ? chunk.dropFirst(3) : chunk
        bytesSeen += chunk.count
        switch format {
        case .csv:
            for record in parseCSV({ parser, collect in parser.feed(chunk, emit: collect) }) {
                try handleCSV(record, emit: emit)
            }
            // Refused at once, not at the end of a file the open quote swallowed.
            if let line = csv.runawayFieldLine { throw runawayField(line: line) }
        case .jsonLines:
            for byte in chunk {
                guard utf8.accept(byte) else { throw notUTF8(line: lineNumber + 1) }
                if byte == 0x0A {
                    lineNumber += 1
                    try handleJSONLine(emit: emit)
                } else {
                    pendingLine.append(byte)
                }
            }
        case .jsonArray:
            for byte in chunk {
                guard utf8.accept(byte) else { throw notUTF8(line: lineNumber + 1) }
                if byte == 0x0A { lineNumber += 1 }
            }
            arrayBuffer.append(chunk)
        }
    }

    /// The whole file is refused: a file in another encoding would otherwise
    /// be loaded with replacement characters in names and addresses.
    private func notUTF8(line: Int, field: String = "") -> HeaderProblems {
        HeaderProblems(problems: [ImportProblem(file: file, line: line, field: field, value: "",
                                                reason: "not valid UTF-8: save the file as UTF-8 and send it again")])
    }

    private func runawayField(line: Int) -> HeaderProblems {
        HeaderProblems(problems: [ImportProblem(
            file: file, line: line, field: "", value: "",
            reason: "a field runs on past 1 MiB: a quote on this line is probably never closed")])
    }

    mutating func finish(emit: (RawRow) throws -> Void) throws {
        switch format {
        case .csv:
            for record in parseCSV({ parser, collect in parser.finish(emit: collect) }) {
                try handleCSV(record, emit: emit)
            }
            if let line = csv.runawayFieldLine { throw runawayField(line: line) }
            // A fault in bytes that made no record, such as a lone lead byte.
            if let fault = csv.encodingFault { throw notUTF8(line: fault.line) }
            if let line = csv.unterminatedQuoteLine {
                throw HeaderProblems(problems: [ImportProblem(file: file, line: line, field: "", value: "",
                                                              reason: "a quoted field is never closed")])
            }
            if header == nil {
                throw HeaderProblems(problems: [ImportProblem(file: file, line: 1, field: "", value: "",
                                                              reason: "the file is empty: it needs a header line")])
            }
        case .jsonLines:
            guard utf8.finish() else { throw notUTF8(line: lineNumber + 1) }
            if !pendingLine.isEmpty { lineNumber += 1; try handleJSONLine(emit: emit) }
        case .jsonArray:
            guard utf8.finish() else { throw notUTF8(line: lineNumber + 1) }
            guard let array = try? JSONSerialization.jsonObject(with: arrayBuffer) as? [Any] else {
                throw HeaderProblems(problems: [ImportProblem(file: file, line: 0, field: "", value: "",
                                                              reason: "not a JSON array of objects: send JSON Lines or an array")])
            }
            for (index, element) in array.enumerated() {
                try emit(row(fromJSON: element, line: index + 1))
            }
        }
    }

    /// Runs the parser outside `self` so records can be handled with `self` mutable.
    private mutating func parseCSV(_ step: (inout CSVParser, (CSVRecord) -> Void) -> Void) -> [CSVRecord] {
        var parser = CSVParser()
        swap(&parser, &csv)
        var records: [CSVRecord] = []
        step(&parser) { records.append($0) }
        swap(&parser, &csv)
        return records
    }

    private mutating func handleCSV(_ record: CSVRecord, emit: (RawRow) throws -> Void) throws {
        if let fault = csv.encodingFault, fault.recordLine == record.line {
            let field = header.flatMap { fault.field < $0.count ? $0[fault.field] : nil } ?? ""
            throw notUTF8(line: fault.line, field: field)
        }
        guard let header else {
            switch checkHeader(record.fields) {
            case .success(let names): header = names
            case .failure(let problems): throw problems
            }
            return
        }
        guard record.fields.count == header.count else {
            try emit(RawRow(values: [:], line: record.line, problem: ImportProblem(
                file: file, line: record.line, field: "", value: "",
                reason: "has \(record.fields.count) fields but the header has \(header.count)")))
            return
        }
        var values: [String: String] = [:]
        values.reserveCapacity(header.count)
        for (name, value) in zip(header, record.fields) { values[name] = value }
        try emit(RawRow(values: values, line: record.line))
    }

    private mutating func handleJSONLine(emit: (RawRow) throws -> Void) throws {
        defer { pendingLine.removeAll(keepingCapacity: true) }
        if pendingLine.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
        let object = try? JSONSerialization.jsonObject(with: Data(pendingLine))
        try emit(row(fromJSON: object as Any, line: lineNumber))
    }

    private func row(fromJSON object: Any, line: Int) throws -> RawRow {
        guard let dictionary = object as? [String: Any] else {
            return RawRow(values: [:], line: line, problem: ImportProblem(
                file: file, line: line, field: "", value: "", reason: "not a JSON object"))
        }
        // Keys may be left out of a JSON object (missing means empty), but an
        // unknown key is refused so that a misspelt column is not dropped.
        if let unknown = dictionary.keys.map({ $0.lowercased() }).sorted().first(where: { !knownColumns.contains($0) }) {
            return RawRow(values: [:], line: line, problem: ImportProblem(
                file: file, line: line, field: unknown, value: unknown, reason: "unknown column for this extract"))
        }
        var values: [String: String] = [:]
        for (key, value) in dictionary {
            switch value {
            case let text as String: values[key.lowercased()] = text
            case let number as NSNumber: values[key.lowercased()] = number.stringValue
            case is NSNull: continue
            default: values[key.lowercased()] = String(describing: value)
            }
        }
        return RawRow(values: values, line: line)
    }
}
