import LanternDomain
import PropertyBased
import Testing

/// Extracts must be UTF-8: known answers from the Unicode Standard's table of
/// well-formed sequences, and random corruptions of good files.
@Suite struct UTF8ValidatorTests {
    /// Ill-formed byte sequences, each on line 2 of a file.
    @Test(arguments: [
        ("overlong slash", [0xC0, 0xAF]), ("overlong NUL", [0xC0, 0x80]), ("overlong three-byte", [0xE0, 0x80, 0xAF]),
        ("overlong four-byte", [0xF0, 0x80, 0x80, 0xAF]), ("lone continuation", [0x80]), ("two continuations", [0xBF, 0xBF]),
        ("high surrogate U+D800", [0xED, 0xA0, 0x80]), ("low surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("F5 lead", [0xF5, 0x80, 0x80, 0x80]), ("FF", [0xFF]), ("FE", [0xFE]),
        ("C1 lead", [0xC1, 0xBF]), ("cut short before a comma", [0xE2, 0x82, 0x2C]), ("Latin-1 e acute", [0xE9, 0x74, 0xE9]),
        ("lead then ASCII", [0xC3, 0x41]), ("UTF-16LE text", [0xFF, 0xFE, 0x41, 0x00]),
    ] as [(String, [UInt8])])
    func illFormedSequencesAreFoundOnTheirLine(_ name: String, _ bad: [UInt8]) {
        let bytes = Array("id,name\n1,".utf8) + bad + Array("x\n2,ok\n".utf8)
        #expect(UTF8Validator.firstInvalidLine(in: bytes) == 2, "\(name)")
        let fault = parse(bytes).fault
        #expect(fault?.line == 2 && fault?.recordLine == 2 && fault?.field == 1, "\(name): \(String(describing: fault))")
    }

    @Test func aSequenceCutShortAtTheEndOfTheFileIsFound() {
        for cut in [[0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x94]] as [[UInt8]] {
            let bytes = Array("id,name\n1,a\n2,".utf8) + cut
            #expect(UTF8Validator.firstInvalidLine(in: bytes) == 3)
            #expect(parse(bytes).fault == CSVEncodingFault(line: 3, recordLine: 3, field: 1))
        }
    }

    @Test func wellFormedTextAndAByteOrderMarkPass() {
        let text = "\u{FEFF}id,name\n1,Zoë Ł. O\u{2019}Brien 😀\n2,\u{10FFFF}\u{E000}\u{D7FF}\n"
        #expect(UTF8Validator.firstInvalidLine(in: Array(text.utf8)) == nil)
        let parsed = parse(Array(text.utf8))
        #expect(parsed.fault == nil)
        #expect(parsed.records.first?.fields == ["id", "name"], "the byte order mark is dropped")
        #expect(parsed.records[1].fields[1] == "Zoë Ł. O\u{2019}Brien 😀")
    }

    /// A broken byte order mark is not silently dropped.
    @Test func aBrokenByteOrderMarkIsAFault() {
        #expect(parse([0xEF, 0xBB] + Array("id\n1\n".utf8)).fault?.line == 1)
    }

    /// Corrupting random bytes of a good file gives either a file that is
    /// still UTF-8 (by the standard library's decoder) or a fault on the
    /// line of the first ill-formed byte, whatever the chunk size.
    @Test func randomCorruptionsAreFoundOnTheRightLine() async {
        let line = Gen.oneOf(Gen.letterOrNumber.string(of: 0...12), Gen.always("Zoë,Łukasz"), Gen.always("\"a\nb\",😀"), Gen.always("O\u{2019}Brien"))
        let corruption = Gen.int(in: 0...10_000).map { $0 }.array(of: 1...3)
        let byte = Gen.oneOf(Gen.uint8(in: 0x80...0xFF), Gen.always(UInt8(0x0A)), Gen.always(UInt8(0x41)), Gen.always(UInt8(0x2C)))
        await propertyCheck(count: 400, input: line.array(of: 1...8), corruption, byte.array(of: 3), Gen.int(in: 1...7)) { lines, at, with, chunk in
            var bytes = Array(("id,name\n" + lines.joined(separator: "\n") + "\n").utf8)
            for (position, value) in zip(at, with) { bytes[position % bytes.count] = value }
            let expected = Self.oracleLine(bytes)
            #expect(UTF8Validator.firstInvalidLine(in: bytes) == expected)
            let fault = parse(bytes, chunk: chunk).fault
            #expect(fault?.line == expected, "\(bytes)")
        }
    }

    /// The first line that is not well-formed, found without the validator:
    /// the longest prefix the standard library decodes without repair.
    static func oracleLine(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var valid = 0
        for end in stride(from: bytes.count, through: 0, by: -1) where String(validating: bytes[0..<end], as: UTF8.self) != nil {
            valid = end
            break
        }
        return 1 + bytes[0..<valid].filter { $0 == 0x0A }.count
    }

    func parse(_ bytes: [UInt8], chunk: Int = 4) -> (records: [CSVRecord], fault: CSVEncodingFault?) {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            parser.feed(bytes[start..<min(start + chunk, bytes.count)]) { records.append($0) }
            start += chunk
        }
        parser.finish { records.append($0) }
        return (records, parser.encodingFault)
    }
}
