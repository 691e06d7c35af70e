import Foundation
import Testing
@testable import EncodedLinkage

/// `docs/pprl-schema-weighted.json`, the schema Lantern recommends for new partnerships:
/// still clkhash v3, but weighted so that the encodings tell the cases the starting schema
/// confuses apart (same name and household, different person; same person, a gap).
@Suite("Weighted linkage schema")
struct WeightedSchemaTests {
    static let secret = Array("weighted-schema-test-secret-0123".utf8)

    static func schema(_ name: String) throws -> LinkageSchema {
        // The repository's docs folder, found from this source file.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/\(name)")
        return try LinkageSchema.parse(try Data(contentsOf: url))
    }

    static func dice(_ schema: LinkageSchema, _ a: [String], _ b: [String]) throws -> Double {
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        var records = EncodedRecords(bits: schema.length)
        records.append(recordID: "a", partner: "p", clk: try encoder.encode(a))
        records.append(recordID: "b", partner: "q", clk: try encoder.encode(b))
        return records.dice(0, 1)
    }

    static let person = ["r", "thomas", "morgan", "2000-03-30", "M", "6 northgate street", "", "HW4 4GX"]

    /// A father and son of one name at one address differ only in the date of birth; the same
    /// man recorded without one differs by a gap. The weighted schema scores the gap higher.
    @Test func aMissingDateOfBirthScoresAboveADifferentOne() throws {
        let schema = try Self.schema("pprl-schema-weighted.json")
        var gap = Self.person
        gap[3] = ""
        var son = Self.person
        son[3] = "2024-03-04"
        let sameMan = try Self.dice(schema, Self.person, gap)
        let otherMan = try Self.dice(schema, Self.person, son)
        #expect(sameMan > otherMan + 0.05)
    }

    /// Under the starting schema, dates of birth as positional digits share most of their
    /// tokens (2000-03-30 and 2000-03-04 share six of eight), so a different date costs little;
    /// the weighted schema encodes the whole date as one token.
    @Test func aDifferentDateOfBirthCostsMoreThanUnderTheStartingSchema() throws {
        var other = Self.person
        other[3] = "2000-03-04"
        let starting = try Self.dice(try Self.schema("pprl-schema.json"), Self.person, other)
        let weighted = try Self.dice(try Self.schema("pprl-schema-weighted.json"), Self.person, other)
        #expect(weighted < starting - 0.05)
        #expect(try Self.schema("pprl-schema-weighted.json").length == 1024)
    }
}
