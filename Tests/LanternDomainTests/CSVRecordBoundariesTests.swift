import LanternDomain
import PropertyBased
import Testing

/// A file cut where `CSVRecordBoundaries` says records end, each slice read by a parser of
/// its own, must give exactly what one parser reading the whole file gives.
@Suite struct CSVRecordBoundariesTests {
    struct Reading: Equatable {
        var records: [CSVRecord] = []
        var runawayFieldLine: Int?
        var unterminatedQuoteLine: Int?
    }

    func whole(_ bytes: [UInt8], limit: Int) -> Reading {
        var parser = CSVParser(maximumFieldBytes: limit)
        var reading = Reading()
        parser.feed(bytes) { reading.records.append($0) }
        parser.finish { reading.records.append($0) }
        reading.runawayFieldLine = parser.runawayFieldLine
        reading.unterminatedQuoteLine = parser.unterminatedQuoteLine
        return reading
    }

    /// The scanner is fed `chunk` bytes at a time and the file is cut at every cut it
    /// reports (the last in each chunk), as a reader of a large file does.
    func sliced(_ bytes: [UInt8], chunk: Int, limit: Int) -> (reading: Reading, slices: Int) {
        var scanner = CSVRecordBoundaries()
        var cuts: [(end: Int, line: Int)] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            if let cut = bytes[start..<end].withUnsafeBufferPointer({ scanner.scan($0) }) {
                cuts.append((start + cut.end, cut.line))
            }
            start = end
        }
        var reading = Reading()
        var from = 0, line = 1
        for (index, cut) in (cuts + [(bytes.count, 0)]).enumerated() {
            var parser = index == 0 ? CSVParser(maximumFieldBytes: limit)
                : CSVParser(maximumFieldBytes: limit, continuingAtLine: line)
            parser.feed(bytes[from..<cut.end]) { reading.records.append($0) }
            if cut.end == bytes.count { parser.finish { reading.records.append($0) } }
            reading.runawayFieldLine = reading.runawayFieldLine ?? parser.runawayFieldLine
            reading.unterminatedQuoteLine = reading.unterminatedQuoteLine ?? parser.unterminatedQuoteLine
            from = cut.end
            line = cut.line
        }
        return (reading, cuts.count + 1)
    }

    @Test func slicesReadExactlyAsTheWholeFile() async {
        let piece = Gen.oneOf(
            Gen.letterOrNumber.string(of: 0...5).map { Array($0.utf8) }, Gen.always(Array(",".utf8)),
            Gen.always(Array("\"".utf8)), Gen.always(Array("\"\"".utf8)), Gen.always(Array("\r\n".utf8)),
            Gen.always(Array("\n".utf8)), Gen.always(Array("\n".utf8)), Gen.always(Array("\r".utf8)),
            Gen.always([0xEF, 0xBB, 0xBF]), Gen.always([0xC3, 0xA9]), Gen.always([0xFF]))
        await propertyCheck(input: piece.array(of: 0...60), Gen.int(in: 1...9), Gen.int(in: 4...64)) { pieces, chunk, limit in
            let bytes = pieces.flatMap { $0 }
            #expect(sliced(bytes, chunk: chunk, limit: limit).reading == whole(bytes, limit: limit))
        }
    }

    /// Known answers: where the cuts fall, and that a line break inside quotes, a carriage
    /// return before its line feed, or a quote in the middle of a plain field is no cut.
    @Test func cutsFallOnlyAfterLineFeedsOutsideQuotes() {
        func cuts(_ text: String) -> [Int] {
            var scanner = CSVRecordBoundaries()
            var found: [Int] = []
            for (offset, byte) in text.utf8.enumerated() {
                if let cut = [byte].withUnsafeBufferPointer({ scanner.scan($0) }) { found.append(offset + cut.end) }
            }
            return found
        }
        #expect(cuts("a,b\nc,d\n") == [4, 8])
        #expect(cuts("a,\"x\ny\"\nz\n") == [8, 10])
        #expect(cuts("a\r\nb\rc\n") == [3, 7])
        #expect(cuts("a b\"c\nd\n") == [6, 8])
        #expect(cuts("\"open\nstill open") == [])
    }

    /// The line a cut gives is the line the parser of the whole file is on there.
    @Test func theLineAfterACutCountsQuotedLineBreaks() {
        var scanner = CSVRecordBoundaries()
        let bytes = Array("h\n\"two\nlines\",x\r\n\nlast\n".utf8)
        let cut = bytes.withUnsafeBufferPointer { scanner.scan($0) }
        #expect(cut?.end == bytes.count)
        #expect(cut?.line == 6)
        #expect(whole(bytes + Array("next".utf8), limit: 64).records.last?.line == 6)
    }

    @Test func aCutIsAcceptedAtOnceWhenTheSliceIsLarge() {
        // Many slices, not one: the property above would pass with no cuts at all.
        let text = (0..<500).map { "R\($0),\"Ann\nLee\",x" }.joined(separator: "\n") + "\n"
        let result = sliced(Array(text.utf8), chunk: 64, limit: 1 << 20)
        #expect(result.slices > 100)
        #expect(result.reading == whole(Array(text.utf8), limit: 1 << 20))
    }
}
