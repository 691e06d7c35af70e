/// The five high-level ethnic groups of the 2021 Census for England and
/// Wales (ONS), the level equality reports use.
///
/// Use ``init(code:)`` to read what a partner supplied: the group's name or
/// the 19-category code's letter (A Asian, B Black, C Mixed, D White, E Other,
/// e.g. "D1" White: English, Welsh, Scottish, Northern Irish or British).
/// Contract: anything else is "not known", never guessed.
public enum EthnicGroup: String, Sendable, Codable, CaseIterable, Hashable {
    case asian, black, mixed, white, other

    public init?(code: String) {
        let text = String(code.filter { !$0.isWhitespace }).lowercased()
        guard let first = text.first else { return nil }
        if let named = EthnicGroup(rawValue: text) { self = named; return }
        let letters: [Character: EthnicGroup] = ["a": .asian, "b": .black, "c": .mixed, "d": .white, "e": .other]
        guard text.count <= 2, let group = letters[first], text.dropFirst().allSatisfy(\.isNumber) else { return nil }
        self = group
    }

    /// As the ONS names the group.
    public var label: String {
        switch self {
        case .asian: "Asian, Asian British or Asian Welsh"
        case .black: "Black, Black British, Black Welsh, Caribbean or African"
        case .mixed: "Mixed or Multiple ethnic groups"
        case .white: "White"
        case .other: "Other ethnic group"
        }
    }

    /// The groups the MARAC return's "BME" item counts (SafeLives asks for
    /// victims from Black and minority ethnic groups; at this level that is
    /// every group but White).
    public var isMinority: Bool { self != .white }
}
