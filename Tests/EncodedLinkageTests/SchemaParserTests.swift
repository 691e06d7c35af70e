import Foundation
import PropertyBased
import Testing
@testable import EncodedLinkage

@Suite("Linkage schema v3")
struct SchemaParserTests {
    static func schemaText(_ feature: String, clkConfig: String = #"{"l": 1024, "kdf": {"type": "HKDF"}}"#) -> Data {
        Data(#"{"version": 3, "clkConfig": \#(clkConfig), "features": [{"identifier": "record_id", "ignored": true}, \#(feature)]}"#.utf8)
    }
    static let name = #"{"identifier": "surname", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerToken": 20}}}"#

    @Test func readsTheStartingSchema() throws {
        let schema = try KnownAnswers.schema()
        #expect(schema.length == 1024)
        #expect(schema.features.map(\.identifier) == ["record_id", "given_name", "surname", "date_of_birth", "sex", "address_line_1", "town", "postcode"])
        #expect(schema.features[3].hashing?.comparison == .ngram(n: 1, positional: true))
        #expect(schema.features[4].format == .enumeration(values: ["M", "F"]))
        #expect(schema.hashedCount == 6)
    }

    @Test func defaultsAreClkhashs() throws {
        let schema = try LinkageSchema.parse(Self.schemaText(Self.name))
        let hashing = try #require(schema.features[1].hashing)
        #expect(hashing.hash == .blakeHash)
        #expect(hashing.comparison == .ngram(n: 2, positional: false))
        #expect(schema.kdf == LinkageSchema.KeyDerivation())
        #expect(schema.xorFolds == 0)
    }

    @Test(arguments: [
        (#"{"version": 2, "clkConfig": {}, "features": []}"#, SchemaProblem.Code.wrongVersion, "version"),
        (#"{"version": 3, "features": []}"#, .missingField, "clkConfig"),
        (#"{"version": 3,"#, .notJSON, "(file)"),
    ])
    func refusesTopLevel(text: String, code: SchemaProblem.Code, field: String) {
        let problem = #expect(throws: SchemaProblem.self) { try LinkageSchema.parse(Data(text.utf8)) }
        #expect(problem?.code == code)
        #expect(problem?.field == field)
    }

    @Test(arguments: [
        (#"{"identifier": "surname", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerTokn": 20}}}"#,
         "features[1] (surname).hashing.strategy.bitsPerTokn"),
        (#"{"identifier": "surname", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 0}, "strategy": {"bitsPerToken": 20}}}"#,
         "features[1] (surname).hashing.comparison.n"),
        (#"{"identifier": "surname", "format": {"type": "date", "format": "%H:%M"}, "hashing": {"comparison": {"type": "exact"}, "strategy": {"bitsPerToken": 20}}}"#,
         "features[1] (surname).format.format"),
        (#"{"identifier": "surname", "format": {"type": "string"}, "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerToken": 20}, "hash": {"type": "md5"}}}"#,
         "features[1] (surname).hashing.hash.type"),
        (#"{"identifier": "surname", "format": {"type": "string"}}"#, "features[1] (surname).hashing"),
        (#"{"identifier": "surname", "ignored": false}"#, "features[1] (surname).ignored"),
    ])
    func namesTheBadField(feature: String, field: String) {
        let problem = #expect(throws: SchemaProblem.self) { try LinkageSchema.parse(Self.schemaText(feature)) }
        #expect(problem?.field == field)
        #expect(problem?.line == 1)
    }

    @Test func namesTheLineOfTheFeature() throws {
        var text = String(decoding: try KnownAnswers.fixture("schema.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"bitsPerFeature\": 10\n", with: "\"bitsPerFeature\": \"ten\"\n")
        let problem = #expect(throws: SchemaProblem.self) { try LinkageSchema.parse(Data(text.utf8)) }
        #expect(problem?.field == "features[4] (sex).hashing.strategy.bitsPerFeature")
        #expect(problem?.line == 99)
        #expect(problem?.description.contains("line 99") == true)
    }

    @Test func blakeHashNeedsAPowerOfTwo() {
        let problem = #expect(throws: SchemaProblem.self) {
            try LinkageSchema.parse(Self.schemaText(Self.name, clkConfig: #"{"l": 1000, "kdf": {"type": "HKDF"}}"#))
        }
        #expect(problem?.field == "clkConfig.l")
    }

    /// Whatever bytes arrive, the parser answers with a schema or a SchemaProblem, never a crash or another error.
    @Test func anyMutationIsASchemaOrAProblem() async throws {
        let original = Array(try KnownAnswers.fixture("schema.json"))
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SplitMix(seed: UInt64(seed))
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = UInt8(truncatingIfNeeded: random.next() % 128)
                default: bytes.insert(Array(#"{}[]",:0123456789ntfe"#.utf8)[Int(random.next() % 21)], at: at)
                }
            }
            do {
                let schema = try LinkageSchema.parse(Data(bytes))
                #expect(schema.hashedCount > 0)
                #expect(schema.length % 8 == 0)
            } catch let problem as SchemaProblem {
                #expect(!problem.field.isEmpty)
                #expect(!problem.reason.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}

/// A small seeded generator for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
