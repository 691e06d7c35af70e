import PropertyBased
import Testing
@testable import EncodedLinkage

@Suite("Tokenisers")
struct TokeniserTests {
    static let alphabet: [Unicode.Scalar] = ["a", "b", "z", "ë", "'", " ", "-", "1", "0", "Ł", "д"]

    static func word(_ seed: Int) -> String {
        var random = SplitMix(seed: UInt64(seed))
        var word = ""
        for _ in 0..<Int(random.next() % 12) { word.unicodeScalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
        return word
    }

    @Test func examples() {
        #expect(Tokeniser.tokens("smith", .ngram(n: 2, positional: false)) == [" s", "sm", "mi", "it", "th", "h "])
        #expect(Tokeniser.tokens("ab", .ngram(n: 3, positional: false)) == ["  a", " ab", "ab ", "b  "])
        #expect(Tokeniser.tokens("198", .ngram(n: 1, positional: true)) == ["1 1", "2 9", "3 8"])
        #expect(Tokeniser.tokens("M", .exact) == ["M"])
        #expect(Tokeniser.tokens("", .exact).isEmpty)
    }

    /// n-grams: len + n - 1 tokens of n characters each (padding included), and joining
    /// their first characters rebuilds the padded word.
    @Test func ngramCountAndCoverage() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            let word = Self.word(seed)
            for n in 1...4 {
                let tokens = Tokeniser.tokens(word, .ngram(n: n, positional: false))
                guard !word.isEmpty else { #expect(tokens.isEmpty); continue }
                let length = word.unicodeScalars.count
                #expect(tokens.count == length + n - 1)
                #expect(tokens.allSatisfy { $0.unicodeScalars.count == n })
                let pad = String(repeating: " ", count: n - 1)
                var rebuilt = String(String.UnicodeScalarView(tokens.map { $0.unicodeScalars.first! }))
                rebuilt.unicodeScalars.append(contentsOf: tokens.last!.unicodeScalars.dropFirst())
                #expect(rebuilt == pad + word + pad)
            }
        }
    }

    /// Positional tokens are the plain ones prefixed with their 1-based position, so they are all different.
    @Test func positionalTokensArePrefixedAndDistinct() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            let word = Self.word(seed)
            for n in 1...3 {
                let plain = Tokeniser.tokens(word, .ngram(n: n, positional: false))
                let positional = Tokeniser.tokens(word, .ngram(n: n, positional: true))
                #expect(positional == plain.enumerated().map { "\($0 + 1) \($1)" })
                #expect(Set(positional).count == positional.count)
            }
        }
    }

    /// bitsPerFeature shares exactly the feature's bits out, no token more than one bit above another.
    @Test func bitsPerFeatureSharesExactly() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...100_000)) { seed in
            let total = seed % 300 + 1, tokens = seed % 40 + 1
            let ks = LinkageSchema.Strategy.bitsPerFeature(total).bitsPerToken(tokens: tokens)
            #expect(ks.count == tokens)
            #expect(ks.reduce(0, +) == total)
            #expect(ks.max()! - ks.min()! <= 1)
            #expect(ks == ks.sorted(by: >))
        }
    }

    /// Standardising is idempotent on any row.
    @Test func standardisingTwiceChangesNothing() async throws {
        let standardiser = ValueStandardiser(schema: try KnownAnswers.schema())
        let samples = ["  Smith ", "04/03/1980", "1980-3-4", "male", "f", "ba12ab", "Zoë  O'Brien", "12 HIGH st", "", "x"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SplitMix(seed: UInt64(seed))
            let row = (0..<8).map { _ in random.next() % 3 == 0 ? Self.word(Int(random.next() % 1000)) : samples[Int(random.next() % 10)] }
            let once = standardiser.standardise(row)
            #expect(standardiser.standardise(once) == once)
        }
    }

    @Test func standardisesCommonForms() throws {
        let standardiser = ValueStandardiser(schema: try KnownAnswers.schema())
        let row = standardiser.standardise(["id7", "  OLIVER ", "Smith", "04/03/1980", "male", "12  High Street", "Bath", "ba12ab"])
        #expect(row == ["id7", "oliver", "smith", "1980-03-04", "M", "12 high street", "Bath", "BA1 2AB"])
    }
}
