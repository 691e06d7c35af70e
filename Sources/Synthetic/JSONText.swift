/// A tiny pretty-printing JSON writer with a fixed key order and layout, so
/// `partnership.json` is byte-for-byte stable (Foundation's encoder does not
/// promise its layout across platforms).
///
/// Contract: callers balance `open`/`close`; strings are escaped per RFC 8259.
struct JSONText {
    private(set) var text = ""
    private var depth = 0
    private var needsComma = false

    mutating func open(_ bracket: String) {
        prefix()
        text += bracket
        depth += 1
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        depth -= 1
        text += "\n" + String(repeating: "  ", count: depth) + bracket
        needsComma = true
    }

    /// A key whose value (an object or array) follows with `open`.
    mutating func key(_ name: String) {
        prefix()
        text += JSONText.quoted(name) + ": "
        pendingKey = true
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        text += value.map(JSONText.quoted) ?? "null"
        pendingKey = false
        needsComma = true
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        text += "[" + values.map(JSONText.quoted).joined(separator: ", ") + "]"
        pendingKey = false
        needsComma = true
    }

    private var pendingKey = false

    private mutating func prefix() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma { text += "," }
        if depth > 0 || !text.isEmpty { text += "\n" }
        text += String(repeating: "  ", count: depth)
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
