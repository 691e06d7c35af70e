import Foundation
import Testing
@testable import EncodedLinkage

/// The known answers clkhash 0.18.3 produced for five synthetic records
/// (Fixtures/known-answers.json, copied from the shared PPRL folder).
struct KnownAnswers: Decodable {
    struct DerivedKeys: Decodable {
        var feature: String
        var key0: String
        var key1: String
    }
    struct Detail: Decodable {
        var formatted: String
        var tokens: [String]
        var k: [Int]
        var bits: [Int]
    }
    struct Record: Decodable {
        var record: [String]
        var clk: [String: String]
        var blakeHash_detail: [String: Detail]
    }

    var secret: String
    var columns: [String]
    var derived_keys_hex: [DerivedKeys]
    var records: [Record]

    static func load() throws -> KnownAnswers {
        try JSONDecoder().decode(KnownAnswers.self, from: fixture("known-answers.json"))
    }

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    /// The starting schema with every hashed feature's hash replaced, as the doubleHash answers were made.
    static func schema(hash: LinkageSchema.HashKind? = nil) throws -> LinkageSchema {
        var schema = try LinkageSchema.parse(fixture("schema.json"))
        if let hash {
            for i in schema.features.indices where schema.features[i].hashing != nil { schema.features[i].hashing!.hash = hash }
        }
        return schema
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension String {
    var hexBytes: [UInt8] {
        var out: [UInt8] = []
        var chars = makeIterator()
        while let a = chars.next(), let b = chars.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
        return out
    }
}
