import Foundation

/// A table written as RFC 4180 CSV: a header and rows of text.
///
/// Use it for the transparency downloads. Contract: every field is quoted
/// when it holds a comma, quote or line break; a field starting with `=`,
/// `+`, `-` or `@` is prefixed with `'` so a spreadsheet does not run it.
struct CSVTable {
    var header: [String]
    var rows: [[String]] = []

    var text: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var text = value
        // OWASP CSV injection: a leading formula character is neutralised.
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
