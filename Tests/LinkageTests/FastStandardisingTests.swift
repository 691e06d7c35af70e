import PropertyBased
import Testing
@testable import Linkage

/// The word lists and text folding that standardising runs on every token: they were made
/// faster, so each is checked against the plain way of doing the same thing.
@Suite("Fast standardising")
struct FastStandardisingTests {
    static let list = ["MR", "MRS", "PROFESSOR", "PROFESSO", "PROFESSORS", "ST", "AB", "APARTMENT", "APARTMEN", "X",
                       "ABCDEFGH", "ABCDEFGHI", "ABCDEFGHIJ", "JUNIOR", "NK"]

    /// Upper-case words near the list's: prefixes, extensions and one-letter changes of it.
    static let nearWord = Gen.oneOf(
        Gen.uppercaseLetter.string(of: 0...11),
        Gen<String?>.element(of: list).map { $0! },
        Gen.int(in: 0..<list.count).map { String(list[$0].dropLast()) },
        Gen.int(in: 0..<list.count).map { list[$0] + "S" },
        Gen.int(in: 0..<list.count).map { "A" + list[$0] })

    @Test func aWordIsFoundExactlyWhenItIsInTheList() async {
        let words = ShortWords(Self.list)
        await propertyCheck(count: 500, input: Self.nearWord) { word in
            #expect(words.index(of: word) == Self.list.firstIndex(of: word))
        }
    }

    @Test func aMapGivesTheReplacementOfListedWordsOnly() async {
        let map = Dictionary(uniqueKeysWithValues: Self.list.map { ($0, $0.lowercased() + "!") })
        let words = ShortWordMap(map)
        await propertyCheck(count: 500, input: Self.nearWord) { word in
            #expect(words[word] == map[word])
        }
    }

    @Test func everyStandardiserListIsFoundWordForWord() {
        let lists = [NameStandardiser.titles, NameStandardiser.suffixes, NameStandardiser.placeholders,
                     NameStandardiser.particles, AddressStandardiser.unitWords, AddressStandardiser.fillerWords,
                     Set(AddressStandardiser.abbreviations.keys)]
        for list in lists {
            let words = ShortWords(list)
            for word in list { #expect(words.contains(word), "\(word)") }
            for word in list where !list.contains(word + "X") { #expect(!words.contains(word + "X"), "\(word)X") }
        }
    }

    /// Plain ASCII folded the slow, obvious way: letters upper-cased, digits kept, apostrophes
    /// and backticks dropped, any run of other bytes one space between tokens.
    static func foldedPlainly(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "'" || scalar == "`" { continue }
            if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || ("0"..."9").contains(scalar) {
                if pendingSpace, !out.isEmpty { out += " " }
                pendingSpace = false
                out += String(scalar).uppercased()
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    @Test func asciiTextFoldsAsThePlainReadingDoes() async {
        let piece = Gen.oneOf(Gen.letterOrNumber.string(of: 0...6), Gen.always(" "), Gen.always("  "), Gen.always("'"),
                              Gen.always("-"), Gen.always(","), Gen.always("\t"), Gen.always("`"), Gen.always("."))
        await propertyCheck(count: 400, input: piece.array(of: 0...12), Gen.int(in: 1...8)) { pieces, longest in
            let text = pieces.joined()
            let folded = String(decoding: TextFolding.folded(text), as: UTF8.self)
            #expect(folded == Self.foldedPlainly(text))
            let expected = folded.split(separator: " ").map { String($0.prefix(longest)) }
            #expect(TextFolding.tokens(text, maximumTokenLength: longest) == expected)
        }
    }

    @Test func otherLettersFoldAsTheirLatinFormOrStayAsWritten() {
        #expect(TextFolding.tokens("Zoë-Łukasz  O'Brien") == ["ZOE", "LUKASZ", "OBRIEN"])
        // Accents go from Cyrillic too (Й is И with a breve), as from Latin.
        #expect(TextFolding.tokens("Дмитрий Straße") == ["ДМИТРИИ", "STRASSE"])
        #expect(TextFolding.tokens("  ,, ") == [])
        // A token cut in the middle of a letter keeps what it can read.
        #expect(TextFolding.tokens("Ддд", maximumTokenLength: 3) == ["Д\u{FFFD}"])
    }

    @Test(arguments: [("m", RecordedSex.male), ("F", .female), ("x", .other), ("u", .unknown), (" f\t", .female),
                      ("Male", .male), ("GIRL", .female), ("", .unknown), ("-", .unknown), ("M.", .unknown)])
    func readsSexFromOneLetterOrAWord(raw: String, sex: RecordedSex) {
        #expect(RecordedSex(raw: raw) == sex)
    }
}
