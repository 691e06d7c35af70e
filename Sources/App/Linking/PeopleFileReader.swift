import Foundation
import LanternDomain
import Linkage

/// Reads people extracts (the `docs/import-format.md` people columns) for
/// linkage, leniently: unknown columns are ignored and values that would fail
/// import validation are passed on for the linker to treat as plain text or
/// missing. A file that cannot be read as CSV (a quote never closed, a row
/// with more or fewer fields than the header) is refused with the line named;
/// a row with nothing that identifies a person is set aside and reported.
enum PeopleFileReader {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// What one file gave: the records to link, and where rows were set aside
    /// (`file:line`) because they carry no name, date of birth, NHS or CRO number.
    struct Contents {
        var records: [LinkageRecord] = []
        var unidentifiable: [String] = []
    }

    /// Records of one file; each record's source is `source`.
    static func read(path: String, source: String) throws -> [LinkageRecord] {
        try readContents(path: path, source: source).records
    }

    static func readContents(path: String, source: String) throws -> Contents {
        var stream = try PeopleFileStream(path: path, source: source)
        var contents = Contents()
        while let batch = try stream.next(batchSize: .max) { contents.records += batch }
        contents.unidentifiable = stream.unidentifiable
        return contents
    }

    /// The source name for a file: its parent folder for a generic name such
    /// as `people.csv` (one folder per partner), else the file's own stem.
    static func sourceName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        return stem == "people" ? url.deletingLastPathComponent().lastPathComponent : stem
    }
}

/// Where a people file's columns are, read from its header, and how one of its rows
/// becomes a linkage record: shared by the reader and by slices parsed on other cores.
struct PeopleColumns: Sendable {
    /// The file's name, for messages.
    let file: String
    let source: String
    let count: Int
    /// Column number of each `Field`, by its raw value, or nil when the file lacks it
    /// (an array, not a dictionary: it is read thirteen times a row).
    private let column: [Int?]

    init(header: CSVRecord, file: String, source: String) throws(PeopleFileReader.Problem) {
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.file = file
        self.source = source
        count = names.count
        column = Field.allCases.map { names.firstIndex(of: $0.header) }
        if column[Field.recordID.rawValue] == nil {
            throw .init(description: "\(file):\(header.line): there is no record_id column")
        }
    }

    /// The row as a record, or nil when nothing in it identifies a person.
    func record(_ row: CSVRecord) throws(PeopleFileReader.Problem) -> LinkageRecord? {
        guard row.fields.count == count else {
            throw .init(description: "\(file):\(row.line): has \(row.fields.count) fields but the header has "
                        + "\(count): check for a stray comma or an unclosed quote")
        }
        let fields = row.fields
        let column = self.column
        func value(_ field: Field) -> String? {
            guard let index = column[field.rawValue] else { return nil }
            let text = fields[index]
            return text.isEmpty ? nil : text
        }
        guard let id = value(.recordID) else {
            throw .init(description: "\(file):\(row.line): record_id is empty")
        }
        let person = LinkageRecord(
            recordID: "\(source):\(id)", source: source, givenNames: value(.givenNames),
            familyName: value(.familyName),
            otherNames: value(.otherNames).map { $0.split(separator: ";").map(String.init) } ?? [],
            dateOfBirth: value(.dateOfBirth), sex: value(.sex), addressLine: value(.addressLine),
            postcode: value(.postcode), uprn: value(.uprn), phone: value(.phone), email: value(.email),
            nhsNumber: value(.nhsNumber), croNumber: value(.croNumber))
        return person.hasIdentifyingEvidence ? person : nil
    }

    /// The columns linkage reads, numbered so that a row's values are found by index.
    private enum Field: Int, CaseIterable {
        case recordID, givenNames, familyName, otherNames, dateOfBirth, sex, addressLine
        case postcode, uprn, phone, email, nhsNumber, croNumber

        var header: String {
            switch self {
            case .recordID: "record_id"
            case .givenNames: "given_names"
            case .familyName: "family_name"
            case .otherNames: "other_names"
            case .dateOfBirth: "date_of_birth"
            case .sex: "sex"
            case .addressLine: "address_line"
            case .postcode: "postcode"
            case .uprn: "uprn"
            case .phone: "phone"
            case .email: "email"
            case .nhsNumber: "nhs_number"
            case .croNumber: "cro_number"
            }
        }
    }
}

/// A people file read a batch of records at a time, so that a file of ten million rows
/// is standardised as it is read and never held whole.
struct PeopleFileStream {
    private let handle: FileHandle
    private let name: String
    private let source: String
    private var parser: CSVParser
    private var columns: PeopleColumns?
    private var pending: [LinkageRecord] = []
    private var problem: PeopleFileReader.Problem?
    private var finished = false
    /// Bytes already read from the file that the parser has yet to be given.
    private var carried: [UInt8] = []
    /// Rows set aside so far (`file:line`): nothing in them identifies a person.
    private(set) var unidentifiable: [String] = []

    init(path: String, source: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PeopleFileReader.Problem(description: "cannot read \(path): check the path")
        }
        self.handle = handle
        self.name = (path as NSString).lastPathComponent
        self.source = source
        parser = CSVParser()
    }

    /// Reads on where slicing a file stopped: `carried` are bytes already read from
    /// `handle`, for `parser` to read next; `columns` are the header's, if it was read.
    init(continuing handle: FileHandle, name: String, source: String, columns: PeopleColumns?,
         carried: [UInt8], parser: CSVParser) {
        self.handle = handle
        self.name = name
        self.source = source
        self.columns = columns
        self.carried = carried
        self.parser = parser
    }

    /// The rows set aside since this was last asked.
    mutating func takeUnidentifiable() -> [String] {
        defer { unidentifiable = [] }
        return unidentifiable
    }

    /// The next batch of at least `batchSize` records (fewer at the end), or nil when done.
    mutating func next(batchSize: Int) throws -> [LinkageRecord]? {
        while !finished, pending.count < batchSize {
            var taken: [CSVRecord] = []
            if !carried.isEmpty {
                parser.feed(carried) { taken.append($0) }
                carried = []
            } else if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                parser.feed(chunk) { taken.append($0) }
            } else {
                parser.finish { taken.append($0) }
                finished = true
                try? handle.close()
            }
            for record in taken { take(record) }
            if let line = parser.runawayFieldLine {
                throw PeopleFileReader.Problem(
                    description: "\(name):\(line): a field runs on past 1 MiB: a quote on this line is probably never closed")
            }
            if let problem { throw problem }
            if finished, let line = parser.unterminatedQuoteLine {
                throw PeopleFileReader.Problem(description: "\(name):\(line): a quoted field is never closed")
            }
        }
        if finished, columns == nil, problem == nil {
            throw PeopleFileReader.Problem(description: "\(name):1: the file is empty: it needs a header line with record_id")
        }
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    private mutating func take(_ record: CSVRecord) {
        guard problem == nil else { return }
        guard let columns else {
            do { columns = try PeopleColumns(header: record, file: name, source: source) } catch { problem = error }
            return
        }
        do {
            if let person = try columns.record(record) {
                pending.append(person)
            } else {
                unidentifiable.append("\(name):\(record.line)")
            }
        } catch {
            problem = error
        }
    }
}
