import Foundation
import LanternDomain
import PropertyBased
import Testing

@Suite struct CSVParserTests {
    func parse(_ text: String, chunk: Int = 3) -> [CSVRecord] {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            parser.feed(bytes[start..<min(start + chunk, bytes.count)]) { records.append($0) }
            start += chunk
        }
        parser.finish { records.append($0) }
        return records
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() {
        let records = parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let records = parse("h\n\n\nx\ny")
        #expect(records.map(\.fields) == [["h"], ["x"], ["y"]])
        #expect(records.map(\.line) == [1, 4, 5])
    }

    @Test func byteOrderMarkIsDropped() {
        #expect(parse("\u{FEFF}id,name\n1,a\n").first?.fields == ["id", "name"])
    }

    @Test func unterminatedQuoteIsReported() {
        var parser = CSVParser()
        parser.feed(Array("a\n\"open,b\n".utf8)) { _ in }
        parser.finish { _ in }
        #expect(parser.unterminatedQuoteLine == 2)
    }

    /// An open quote swallows every line after it; the field stops growing at the limit and
    /// the record's first line is named, whatever the chunk size.
    @Test func aRunawayFieldStopsAtTheLimitAndNamesItsLine() async {
        await propertyCheck(input: Gen.int(in: 1...400), Gen.int(in: 24...200)) { lines, limit in
            var parser = CSVParser(maximumFieldBytes: limit)
            var records: [CSVRecord] = []
            let text = "id,name\n1,\"open\n" + String(repeating: "2,next line of the file\n", count: lines)
            parser.feed(Array(text.utf8)) { records.append($0) }
            parser.finish { records.append($0) }
            let swallowed = 5 + lines * 24  // "open", then each whole line with its line break
            #expect(parser.runawayFieldLine == (swallowed > limit ? 2 : nil))
            #expect(records.allSatisfy { $0.fields.allSatisfy { $0.utf8.count <= limit } })
        }
    }

    /// Writing fields with RFC 4180 quoting and reading them back gives the
    /// same fields, whatever the chunk size.
    @Test func roundTripsArbitraryFields() async {
        let field = Gen.oneOf(Gen.letterOrNumber.string(of: 0...6), Gen.always("a,b"), Gen.always("q\"t"), Gen.always("l1\nl2"))
        let row = field.array(of: 1...5)
        await propertyCheck(input: row.array(of: 1...6), Gen.int(in: 1...9)) { rows, chunk in
            let text = rows.map { fields in
                fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: "\n")
            let parsed = parse(text, chunk: chunk).map(\.fields)
            #expect(parsed == rows)
        }
    }

    /// Bytes handed over in one piece (a file chunk as `Data`) and bytes handed over
    /// one at a time through an iterator take different paths into the parser; they
    /// must give the same records, faults and lines, byte order mark and broken UTF-8
    /// included.
    @Test func contiguousAndIteratedBytesReadAlike() async {
        let piece = Gen.oneOf(Gen.letterOrNumber.string(of: 0...5).map { Array($0.utf8) }, Gen.always(Array(",".utf8)),
                              Gen.always(Array("\"".utf8)), Gen.always(Array("\r\n".utf8)), Gen.always(Array("\n".utf8)),
                              Gen.always(Array("\r".utf8)),
                              Gen.always([0xEF, 0xBB, 0xBF]), Gen.always([0xC3, 0xA9]), Gen.always([0xFF]), Gen.always([0xE2, 0x82]))
        await propertyCheck(input: piece.array(of: 0...40), Gen.int(in: 1...7)) { pieces, chunk in
            let bytes = pieces.flatMap { $0 }
            func read(_ feed: (inout CSVParser, ArraySlice<UInt8>, (CSVRecord) -> Void) -> Void) -> ([CSVRecord], CSVParser) {
                var parser = CSVParser(maximumFieldBytes: 16)
                var records: [CSVRecord] = []
                var start = 0
                while start < bytes.count {
                    feed(&parser, bytes[start..<min(start + chunk, bytes.count)]) { records.append($0) }
                    start += chunk
                }
                parser.finish { records.append($0) }
                return (records, parser)
            }
            let (contiguous, first) = read { parser, slice, emit in parser.feed(Data(slice), emit: emit) }
            let (iterated, second) = read { parser, slice, emit in parser.feed(slice.lazy.map { $0 }, emit: emit) }
            #expect(contiguous == iterated)
            #expect(first.encodingFault == second.encodingFault)
            #expect(first.runawayFieldLine == second.runawayFieldLine)
            #expect(first.unterminatedQuoteLine == second.unterminatedQuoteLine)
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
