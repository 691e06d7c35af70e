import EncodedLinkage
import Foundation
import LanternDomain

/// Reads the rows to encode from a CSV file and lines its columns up with the schema's
/// features: by name, where the header names every feature (clkhash's layout, or a
/// Lantern people extract through `aliases`), else refused with the column named.
struct EncodeInput {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Lantern people-extract columns that stand for the starting schema's features.
    static let aliases: [String: [String]] = [
        "given_name": ["given_names", "forename", "first_name"],
        "surname": ["family_name", "last_name"],
        "address_line_1": ["address_line", "address"],
        "date_of_birth": ["dob"],
        // A schema may encode the parts of the date of birth as features of their own; each
        // is read from the whole date and cut to its part when standardised (docs/pprl.md).
        "dob_year": ["date_of_birth", "dob"],
        "dob_month": ["date_of_birth", "dob"],
        "dob_day": ["date_of_birth", "dob"],
    ]

    /// One row in schema order, with the physical line it started on.
    struct Row {
        var line: Int
        var values: [String]
    }

    static func read(path: String, schema: LinkageSchema) throws -> [Row] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Problem(description: "cannot read \(path): check the path")
        }
        defer { try? handle.close() }
        let name = (path as NSString).lastPathComponent
        var parser = CSVParser()
        var columns: [Column?]?
        var rows: [Row] = []
        var problem: Problem?
        func take(_ record: CSVRecord) {
            guard problem == nil else { return }
            guard let map = columns else {
                do { columns = try mapping(header: record.fields, schema: schema, file: name) } catch { problem = error as? Problem }
                return
            }
            if record.fields.count == 1, record.fields[0].isEmpty { return }
            rows.append(Row(line: record.line, values: map.map { column in
                guard let column, column.index < record.fields.count else { return "" }
                let value = record.fields[column.index]
                guard column.firstWordOnly else { return value }
                // A people extract's given names: the first is the one every partner writes.
                return value.split(separator: " ").first.map(String.init) ?? ""
            }))
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            parser.feed(chunk, emit: take)
        }
        parser.finish(emit: take)
        if let fault = parser.encodingFault {
            throw Problem(description: "\(name):\(fault.line): not valid UTF-8: save the file as UTF-8 and encode it again")
        }
        if let line = parser.unterminatedQuoteLine {
            throw Problem(description: "\(name):\(line): a quoted field is never closed")
        }
        if let problem { throw problem }
        if columns == nil { throw Problem(description: "\(name): the file is empty: it needs a header line naming the schema's features") }
        return rows
    }

    struct Column {
        var index: Int
        var firstWordOnly: Bool
    }

    /// For each feature, the header column holding it (nil: an ignored feature the file leaves out).
    static func mapping(header: [String], schema: LinkageSchema, file: String) throws -> [Column?] {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return try schema.features.enumerated().map { index, feature in
            let wanted = [feature.identifier.lowercased()] + (aliases[feature.identifier] ?? [])
            if let name = wanted.first(where: names.contains), let column = names.firstIndex(of: name) {
                return Column(index: column, firstWordOnly: name == "given_names")
            }
            if feature.hashing == nil { return nil }
            throw Problem(description: "\(file):1: no column for the schema's feature \(index + 1), \(feature.identifier): "
                          + "the header must name it (columns found: \(names.joined(separator: ", ")))")
        }
    }
}
