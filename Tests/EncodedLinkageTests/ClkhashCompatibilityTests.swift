import Foundation
import Testing
@testable import EncodedLinkage

/// Lantern's encodings must be bit for bit clkhash's, so that a partner may use either tool.
@Suite("clkhash known answers")
struct ClkhashCompatibilityTests {
    @Test func derivedKeysMatch() throws {
        let answers = try KnownAnswers.load()
        let keys = FeatureKeys(secret: Array(answers.secret.utf8), schema: try KnownAnswers.schema()).keys
        #expect(keys.count == answers.derived_keys_hex.count)
        for (index, expected) in answers.derived_keys_hex.enumerated() {
            #expect(keys[index][0].hex == expected.key0, "\(expected.feature) key 0")
            #expect(keys[index][1].hex == expected.key1, "\(expected.feature) key 1")
        }
    }

    @Test func tokensCountsAndBitPositionsMatch() throws {
        let answers = try KnownAnswers.load()
        let schema = try KnownAnswers.schema()
        let encoder = try CLKEncoder(schema: schema, secret: Array(answers.secret.utf8))
        var checked = 0
        for record in answers.records {
            for (index, feature) in schema.features.enumerated() {
                guard let hashing = feature.hashing, let detail = record.blakeHash_detail[feature.identifier] else { continue }
                let formatted = try ValueFormatter(feature: feature).formatted(record.record[index])
                #expect(formatted == detail.formatted)
                let tokens = Tokeniser.tokens(formatted, hashing.comparison)
                #expect(tokens == detail.tokens, "\(feature.identifier) of \(record.record[0])")
                let ks = hashing.strategy.bitsPerToken(tokens: tokens.count)
                #expect(ks == detail.k)
                let bits = Set(zip(tokens, ks).flatMap { encoder.positions(token: $0, bits: $1, featureIndex: index) })
                #expect(bits.sorted() == detail.bits, "\(feature.identifier) of \(record.record[0])")
                checked += 1
            }
        }
        #expect(checked == 30)
    }

    @Test(arguments: [
        ("blakeHash (schema.json)", nil),
        ("doubleHash", LinkageSchema.HashKind.doubleHash(preventSingularity: false)),
        ("doubleHash prevent_singularity", LinkageSchema.HashKind.doubleHash(preventSingularity: true)),
    ])
    func fiveCLKsAreIdentical(name: String, hash: LinkageSchema.HashKind?) throws {
        let answers = try KnownAnswers.load()
        let encoder = try CLKEncoder(schema: try KnownAnswers.schema(hash: hash), secret: Array(answers.secret.utf8))
        var identical = 0
        for record in answers.records {
            let expected = try #require(record.clk[name])
            let clk = try encoder.encode(record.record)
            #expect(clk.base64 == expected, "\(record.record[0])")
            if clk.base64 == expected { identical += 1 }
        }
        #expect(identical == 5)
    }

    @Test func standardisedAnswersAreUnchangedByStandardising() throws {
        let answers = try KnownAnswers.load()
        let schema = try KnownAnswers.schema()
        let standardiser = ValueStandardiser(schema: schema)
        for record in answers.records {
            #expect(standardiser.standardise(record.record) == record.record)
        }
    }
}
