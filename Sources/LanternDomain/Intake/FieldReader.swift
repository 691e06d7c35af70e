/// Reads one raw row's fields by column name and collects every problem,
/// so a report names them all rather than stopping at the first.
struct FieldReader {
    let values: [String: String]
    let file: String
    let line: Int
    let today: CalendarDate
    var problems: [ImportProblem] = []

    mutating func problem(_ field: String, _ value: String, _ reason: String) {
        problems.append(ImportProblem(file: file, line: line, field: field, value: value, reason: reason))
    }

    /// The trimmed value, or nil when empty.
    func raw(_ field: String) -> String? {
        guard let value = values[field] else { return nil }
        let trimmed = value.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func required(_ field: String, maxLength: Int = 100) -> String {
        guard let value = raw(field) else {
            problem(field, "", "is required")
            return ""
        }
        return text(field, value, maxLength: maxLength)
    }

    mutating func optional(_ field: String, maxLength: Int = 200) -> String? {
        raw(field).map { text(field, $0, maxLength: maxLength) }
    }

    private mutating func text(_ field: String, _ value: String, maxLength: Int) -> String {
        if value.count > maxLength { problem(field, value, "longer than \(maxLength) characters") }
        if value.unicodeScalars.contains(where: { $0.value < 32 && $0 != "\n" && $0 != "\t" }) {
            problem(field, value, "contains control characters")
        }
        return value
    }

    mutating func identifier(_ field: String, required isRequired: Bool = true) -> String? {
        guard let value = raw(field) else {
            if isRequired { problem(field, "", "is required") }
            return nil
        }
        guard value.count <= 64, value.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
            problem(field, value, "must be 1-64 printable characters without spaces")
            return nil
        }
        return value
    }

    mutating func date(_ field: String, required isRequired: Bool = false) -> CalendarDate? {
        guard let value = raw(field) else {
            if isRequired { problem(field, "", "is required") }
            return nil
        }
        guard let date = CalendarDate(parsing: value) else {
            if value.count == 10, value.contains("-") || value.contains("/") {
                problem(field, value, "not a real date")
            } else {
                problem(field, value, "not a date: use YYYY-MM-DD or DD/MM/YYYY")
            }
            return nil
        }
        guard date <= today else {
            problem(field, value, "is in the future")
            return nil
        }
        return date
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ field: String, _ type: T.Type, parse: (String) -> T? = { T(rawValue: $0.lowercased()) },
        required isRequired: Bool = true
    ) -> T? where T.RawValue == String {
        guard let value = raw(field) else {
            if isRequired { problem(field, "", "is required") }
            return nil
        }
        guard let parsed = parse(value) else {
            let allowed = T.allCases.map(\.rawValue)
            let list = allowed.count > 12 ? "see docs/import-format.md" : allowed.joined(separator: ", ")
            problem(field, value, "not one of the allowed values (\(list))")
            return nil
        }
        return parsed
    }

    mutating func postcode(_ field: String) -> Postcode? {
        guard let value = raw(field) else { return nil }
        guard let postcode = Postcode(value) else {
            problem(field, value, "not a UK postcode")
            return nil
        }
        return postcode
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
