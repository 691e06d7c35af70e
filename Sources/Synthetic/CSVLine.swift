/// Builds one CSV line field by field, quoting only where RFC 4180 needs it.
///
/// Use one per line: `var line = CSVLine(); line.add(...); sink.write(file:, line: line.text)`.
/// Contract: a field containing a comma, a double quote or a line break is
/// wrapped in quotes with inner quotes doubled; nil and "" both give an empty field.
struct CSVLine {
    private(set) var text: String = ""
    private var count = 0

    init(capacity: Int = 160) {
        text.reserveCapacity(capacity)
    }

    mutating func add(_ field: String?) {
        if count > 0 { text.append(",") }
        count += 1
        guard let field, !field.isEmpty else { return }
        if CSVLine.needsQuotes(field) {
            text.append("\"")
            for scalar in field.unicodeScalars {
                if scalar == "\"" { text.append("\"") }
                text.unicodeScalars.append(scalar)
            }
            text.append("\"")
        } else {
            text.append(field)
        }
    }

    static func needsQuotes(_ field: String) -> Bool {
        for byte in field.utf8 where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            return true
        }
        return false
    }

    /// A header line from column names.
    static func header(_ columns: [String]) -> String {
        columns.joined(separator: ",")
    }
}
