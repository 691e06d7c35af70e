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

/// A people file read a batch of records at a time, so that a file of ten million rows
/// is standardised as it is read and never held whole.
struct PeopleFileStream {
    private let handle: FileHandle
    private let name: String
    private let source: String
    private var parser = CSVParser()
    private var header: [String]?
    /// Column number of each `Field`, by its raw value, or nil when the file lacks it
    /// (an array, not a dictionary: it is read thirteen times a row).
    private var column: [Int?] = []
    private var pending: [LinkageRecord] = []
    private var problem: PeopleFileReader.Problem?
    private var finished = false
    /// Rows set aside so far (`file:line`): nothing in them identifies a person.
    private(set) var unidentifiable: [String] = []

    init(path: String, source: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PeopleFileReader.Problem(description: "cannot read \(path): check the path")
        }
        self.handle = handle
        self.name = (path as NSString).lastPathComponent
        self.source = source
    }

    /// The next batch of at least `batchSize` records (fewer at the end), or nil when done.
    mutating func next(batchSize: Int) throws -> [LinkageRecord]? {
        while !finished, pending.count < batchSize {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            var taken: [CSVRecord] = []
            if chunk.isEmpty {
                parser.finish { taken.append($0) }
                finished = true
                try? handle.close()
            } else {
                parser.feed(chunk) { taken.append($0) }
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
        if finished, header == nil, problem == nil {
            throw PeopleFileReader.Problem(description: "\(name):1: the file is empty: it needs a header line with record_id")
        }
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
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

    private mutating func take(_ record: CSVRecord) {
        guard problem == nil else { return }
        guard let columns = header else {
            let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            header = names
            column = Field.allCases.map { names.firstIndex(of: $0.header) }
            if column[Field.recordID.rawValue] == nil {
                problem = .init(description: "\(name):1: there is no record_id column")
            }
            return
        }
        guard record.fields.count == columns.count else {
            problem = .init(description: "\(name):\(record.line): has \(record.fields.count) fields but the header has "
                            + "\(columns.count): check for a stray comma or an unclosed quote")
            return
        }
        let fields = record.fields
        let column = self.column
        func value(_ field: Field) -> String? {
            guard let index = column[field.rawValue] else { return nil }
            let text = fields[index]
            return text.isEmpty ? nil : text
        }
        guard let id = value(.recordID) else {
            problem = .init(description: "\(name):\(record.line): record_id is empty")
            return
        }
        let person = LinkageRecord(
            recordID: "\(source):\(id)", source: source, givenNames: value(.givenNames),
            familyName: value(.familyName),
            otherNames: value(.otherNames).map { $0.split(separator: ";").map(String.init) } ?? [],
            dateOfBirth: value(.dateOfBirth), sex: value(.sex), addressLine: value(.addressLine),
            postcode: value(.postcode), uprn: value(.uprn), phone: value(.phone), email: value(.email),
            nhsNumber: value(.nhsNumber), croNumber: value(.croNumber))
        if person.hasIdentifyingEvidence {
            pending.append(person)
        } else {
            unidentifiable.append("\(name):\(record.line)")
        }
    }
}
