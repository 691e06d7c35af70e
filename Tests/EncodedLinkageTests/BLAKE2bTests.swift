import Testing
@testable import EncodedLinkage

@Suite("BLAKE2b (RFC 7693)")
struct BLAKE2bTests {
    @Test func rfc7693AppendixA() throws {
        #expect(try BLAKE2b.hash(Array("abc".utf8)).hex
            == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
    }

    /// The first keyed answers of the BLAKE2 reference KAT (key 00..3f, input 00..).
    @Test(arguments: [
        (0, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
        (1, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
        (128, "72065ee4dd91c2d8509fa1fc28a37c7fc9fa7d5b3f8ad3d0d7a25626b57b1b44788d4caf806290425f9890a3a2a35a905ab4b37acfd0da6e4517b2525c9651e4"),
        (255, "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e92484be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"),
    ])
    func referenceKeyedAnswers(length: Int, expected: String) throws {
        let key = (0..<64).map { UInt8($0) }
        let message = (0..<length).map { UInt8($0) }
        #expect(try BLAKE2b.hash(message, key: key).hex == expected)
        // Fed in uneven pieces, the digest is the same.
        var hasher = try BLAKE2b(key: key)
        hasher.update(Array(message.prefix(length / 3)))
        hasher.update(Array(message.dropFirst(length / 3)))
        #expect(hasher.finalize().hex == expected)
    }

    @Test func saltAndShortDigestAsHashlib() throws {
        #expect(try BLAKE2b.hash(Array("oë".utf8), key: Array("secret-key".utf8), salt: Array("1".utf8)).hex
            == "75801fb62730f8144f613d7c76eeda05d299cf1c6abb803dcb44b6951159e22644680ee34977b628cb5b99f7b25e6ba2082eb18b71dcc249a37008ec7c7240af")
        #expect(try BLAKE2b.hash([], digestLength: 32).hex == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    @Test func keyedStateMatchesTheWholeHash() throws {
        let key = (0..<64).map { UInt8($0) }
        for length in [1, 2, 63, 127, 128, 129, 255, 300] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let state = try #require(try BLAKE2b(key: key, salt: [0x30]).keyedState)
            var words = [UInt64](repeating: 0, count: 8)
            message.withUnsafeBufferPointer { bytes in words.withUnsafeMutableBufferPointer { state.digest(bytes, into: $0.baseAddress!) } }
            let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64($0 * 8)) } }
            #expect(bytes == (try BLAKE2b.hash(message, key: key, salt: [0x30])), "length \(length)")
        }
    }

    @Test func refusesOversizedParameters() {
        #expect(throws: BLAKE2b.Problem.self) { try BLAKE2b(key: [UInt8](repeating: 1, count: 65)) }
        #expect(throws: BLAKE2b.Problem.self) { try BLAKE2b(salt: [UInt8](repeating: 1, count: 17)) }
        #expect(throws: BLAKE2b.Problem.self) { try BLAKE2b(digestLength: 0) }
    }
}
