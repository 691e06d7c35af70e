import Foundation

/// A rules set as the JSON a rules page shows and edits: pretty, keys sorted,
/// so that two versions compare line by line.
enum RulesDocument {
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
