/// Proposes the redaction of other people's names from what is disclosed to
/// a subject: by default every other person linked to the subject's records
/// (household members, other parties) is withheld under DPA 2018 Sch 2
/// para 16, as councils code it ("S2 P3 rights of others").
///
/// Use ``redact(_:)`` on each free-text field of a disclosure pack.
/// Contract: a whole word matching any part (three letters or more) of a
/// third party's name is replaced, whatever its case; practitioners' names
/// are never passed in, so they are not withheld (ICO: professionals acting
/// in their role should not normally be withheld); the subject's own name is
/// never redacted.
public struct ThirdPartyRedaction: Sendable, Hashable {
    public static let marker = "[withheld: third party, DPA 2018 Sch 2 para 16]"
    let words: Set<String>

    public init(thirdParties: [String], subject: String) {
        let own = Set(Self.words(in: subject))
        words = Set(thirdParties.flatMap(Self.words(in:))).subtracting(own)
    }

    /// The text with every third party's name replaced, and how many were.
    public func redact(_ text: String) -> (text: String, redactions: Int) {
        guard !words.isEmpty else { return (text, 0) }
        var output = ""
        var word = ""
        var count = 0
        func flush() {
            guard !word.isEmpty else { return }
            if words.contains(word.lowercased()) {
                output += Self.marker
                count += 1
            } else {
                output += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character == "'" || character == "-" {
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return (output, count)
    }

    static func words(in name: String) -> [String] {
        name.split { !($0.isLetter || $0 == "'" || $0 == "-") }.map { $0.lowercased() }.filter { $0.count >= 3 }
    }
}
