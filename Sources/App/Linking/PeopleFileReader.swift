import Foundation
import LanternDomain
import Linkage

/// Reads people extracts (the `docs/import-format.md` people columns) for
/// linkage, leniently: unknown columns are ignored and values that would fail
/// import validation are passed on for the linker to treat as plain text or
/// missing. Only a file that cannot be read as CSV at all is refused.
enum PeopleFileReader {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Records of one file; each record's source is `source`.
    static func read(path: String, source: String) throws -> [LinkageRecord] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Problem(description: "cannot read \(path): check the path")
        }
        defer { try? handle.close() }
        var parser = CSVParser()
        var header: [String]?
        var records: [LinkageRecord] = []
        var problem: Problem?
        let name = (path as NSString).lastPathComponent
        func take(_ record: CSVRecord) {
            guard problem == nil else { return }
            guard let columns = header else {
                header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if !(header ?? []).contains("record_id") {
                    problem = Problem(description: "\(name):1: there is no record_id column")
                }
                return
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, record.fields) where !value.isEmpty { values[column] = value }
            guard let id = values["record_id"] else {
                problem = Problem(description: "\(name):\(record.line): record_id is empty")
                return
            }
            records.append(LinkageRecord(
                recordID: "\(source):\(id)", source: source, givenNames: values["given_names"],
                familyName: values["family_name"],
                otherNames: values["other_names"].map { $0.split(separator: ";").map(String.init) } ?? [],
                dateOfBirth: values["date_of_birth"], sex: values["sex"], addressLine: values["address_line"],
                postcode: values["postcode"], uprn: values["uprn"], phone: values["phone"], email: values["email"],
                nhsNumber: values["nhs_number"], croNumber: values["cro_number"]))
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            parser.feed(chunk, emit: take)
        }
        parser.finish(emit: take)
        if let line = parser.unterminatedQuoteLine {
            throw Problem(description: "\(name):\(line): a quoted field is never closed")
        }
        if let problem { throw problem }
        return records
    }

    /// The source name for a file: its parent folder for a generic name such
    /// as `people.csv` (one folder per partner), else the file's own stem.
    static func sourceName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        return stem == "people" ? url.deletingLastPathComponent().lastPathComponent : stem
    }
}
