@testable import Synthetic

/// One generated partnership shared by the tests (generation is deterministic,
/// so every test sees the same data), with its files parsed.
enum Fixture {
    static let reference = SyntheticDate(year: 2025, month: 6, day: 30)!
    static let people = 3_000

    static let extracts: InMemoryExtracts = generate(people: people, seed: 20_250_630)

    static let summary: GenerationSummary = {
        var sink = InMemoryExtracts()
        return PartnershipGenerator(people: people, seed: 20_250_630, referenceDate: reference).generate(into: &sink)
    }()

    static func generate(people: Int, seed: UInt64, reference: SyntheticDate = reference) -> InMemoryExtracts {
        var sink = InMemoryExtracts()
        PartnershipGenerator(people: people, seed: seed, referenceDate: reference).generate(into: &sink)
        return sink
    }

    /// A file's rows as column name -> value, header excluded.
    static func table(_ file: String) -> Table {
        Table(CSVReader.records(extracts.text(of: file)))
    }
}

/// A parsed CSV file: its header and rows keyed by column name.
struct Table {
    let header: [String]
    let rows: [[String: String]]
    let widths: [Int]

    init(_ records: [[String]]) {
        header = records.first ?? []
        widths = records.dropFirst().map(\.count)
        rows = records.dropFirst().map { fields in
            var row: [String: String] = [:]
            for (name, value) in zip(records[0], fields) where !value.isEmpty { row[name] = value }
            return row
        }
    }

    func column(_ name: String) -> [String] { rows.compactMap { $0[name] } }
}

/// An RFC 4180 reader written separately from the generator's writer, so the
/// tests check the quoting rather than trust it.
enum CSVReader {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" && field.isEmpty {
                quoted = true
            } else if scalar == "," {
                fields.append(field)
                field = ""
            } else if scalar == "\n" {
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(fields)
        }
        return records
    }
}
