/// A person's names in the standard form that linkage compares.
///
/// Build it with `NameStandardiser.standardise(...)`. Contract: every string is folded
/// upper-case (see `TextFolding`), titles (Mr, Dr...) and suffixes (Jr, III...) are gone,
/// the family name's parts are joined (Smith-Jones, Smith Jones -> SMITHJONES) and its
/// meaningful parts kept for partial matches. Empty fields are `nil`, never "".
public struct StandardName: Hashable, Sendable {
    /// First given name (JANE).
    public var firstGiven: String?
    /// Second given name, if any (ANNE).
    public var middleGiven: String?
    /// Family name with its parts joined (SMITHJONES).
    public var family: String?
    /// Parts of a double-barrelled or hyphenated family name (SMITH, JONES); empty when one part.
    public var familyParts: [String]
    /// Previous family names and aliases, each joined like `family`.
    public var otherNames: [String]
}

/// Standardises names: case, accents, punctuation, titles, suffixes, double-barrelled surnames.
///
/// Use it on raw partner input before any comparison. Contract: pure and total: any input,
/// however odd, gives a `StandardName` (possibly all `nil`).
public enum NameStandardiser {
    static let titles: Set<String> = [
        "MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "PROFESSOR", "REV", "REVD", "REVEREND",
        "SIR", "DAME", "LADY", "LORD", "FR", "FATHER", "SISTER", "CAPT", "CAPTAIN", "MASTER", "RT", "HON",
    ]
    static let suffixes: Set<String> = [
        "JR", "JNR", "JUNIOR", "SR", "SNR", "SENIOR", "II", "III", "IV", "OBE", "MBE", "CBE", "QC", "KC", "PHD", "ESQ",
    ]
    /// Particles that are part of a surname but not a meaningful part on their own.
    static let particles: Set<String> = [
        "VAN", "VON", "DER", "DEN", "DE", "LA", "LE", "DA", "DI", "DEL", "DU", "DOS", "DAS", "BIN", "BINTI", "AL", "EL", "ST",
    ]
    /// Words that stand in for a name nobody recorded ("Not known", "Baby Girl", "Unborn").
    static let placeholders: Set<String> = [
        "UNKNOWN", "NOTKNOWN", "NK", "UNK", "NONE", "NULL", "NA", "NOT", "KNOWN", "GIVEN", "STATED",
        "NO", "NAME", "UNNAMED", "ANON", "ANONYMOUS", "REFUSED", "WITHHELD", "TEST", "XX", "XXX", "TBC",
        "TBA", "BABY", "INFANT", "UNBORN", "NEWBORN", "BOY", "GIRL", "MALE", "FEMALE",
    ]

    /// Words a maternity system puts before a name not yet chosen ("Baby Ann"): never a name.
    static let newbornWords: Set<String> = ["BABY", "INFANT", "UNBORN", "NEWBORN"]

    // The same lists for the per-token lookups (see `ShortWords`).
    private static let droppedWords = ShortWords(titles.union(suffixes).union(newbornWords))
    private static let placeholderWords = ShortWords(placeholders)
    private static let particleWords = ShortWords(particles)

    /// Standardises the raw given names, family name and other names of one record.
    public static func standardise(givenNames: String?, familyName: String?, otherNames: [String] = []) -> StandardName {
        var given = cleanTokens(givenNames)
        var family = cleanTokens(familyName)
        // "Smith, John" typed into one field, or a suffix typed after the surname.
        if given.isEmpty, family.count > 1 {
            given = Array(family.dropFirst())
            family = [family[0]]
        }
        let familyMeaningful = family.filter { !particleWords.contains($0) }
        var others: [String] = []
        for raw in otherNames {
            for piece in raw.split(separator: ";") {
                let tokens = cleanTokens(String(piece))
                if let joined = join(tokens), joined != join(family), !others.contains(joined) {
                    others.append(joined)
                }
            }
        }
        return StandardName(
            firstGiven: given.first,
            middleGiven: given.count > 1 ? given[1] : nil,
            family: join(family),
            familyParts: familyMeaningful.count > 1 ? familyMeaningful : [],
            otherNames: Array(others.prefix(4))
        )
    }

    /// Folded tokens without titles, suffixes or placeholder words.
    static func cleanTokens(_ raw: String?) -> [String] {
        guard let raw, !raw.isEmpty else { return [] }
        var tokens = TextFolding.tokens(raw)
        tokens.removeAll { token in droppedWords.contains(token) || token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if tokens.allSatisfy({ placeholderWords.contains($0) }) { return [] }
        // "N/A" and "N/K" fold to single letters, which alone are initials: judge them joined.
        if tokens.count > 1, placeholderWords.contains(tokens.joined()) { return [] }
        return tokens
    }

    static func join(_ tokens: [String]) -> String? {
        tokens.isEmpty ? nil : String(tokens.joined().prefix(40))
    }
}
