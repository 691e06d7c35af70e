@testable import App
import Foundation
import Linkage
import PropertyBased
import Testing

/// People files read in slices on several cores give exactly what one reader of the whole
/// file gives: the same records in the same order, the same rows set aside, and the same
/// refusal with the same line.
@Suite struct PeopleFileSlicesTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-slices-\(UUID().uuidString)")

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    enum Outcome: Equatable {
        case read(records: [LinkageRecord], unidentifiable: [String])
        case refused(String)
    }

    func whole(_ path: String) -> Outcome {
        do {
            let contents = try PeopleFileReader.readContents(path: path, source: "police")
            return .read(records: contents.records, unidentifiable: contents.unidentifiable)
        } catch {
            return .refused("\(error)")
        }
    }

    func sliced(_ path: String, sliceBytes: Int, inFlight: Int) async -> Outcome {
        do {
            let loaded = try await PeopleFileLoading.load([(path, "police")], sliceBytes: sliceBytes, slicesInFlight: inFlight,
                                                          keepingRecords: true)
            #expect(loaded.input.recordIDs == loaded.records.map(\.recordID))
            return .read(records: loaded.records, unidentifiable: loaded.unidentifiable)
        } catch {
            return .refused("\(error)")
        }
    }

    /// Rows with quoted commas and line breaks, blank lines, rows with nothing identifying,
    /// ragged rows, empty ids, quotes left open, carriage returns, a byte order mark.
    @Test func slicesGiveWhatTheWholeFileGives() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let value = Gen.oneOf(Gen.always(""), Gen.always("Ann"), Gen.always("Lee"), Gen.always("1990-02-03"),
                              Gen.always("\"Flat 2, Mill Lane\""), Gen.always("\"two\nlines\""), Gen.always("9434765919"),
                              Gen.always("Unknown"), Gen.always("O\"Brien"), Gen.always("\"open"))
        let ending = Gen.oneOf(Gen.always("\n"), Gen.always("\n"), Gen.always("\r\n"), Gen.always("\n\n"), Gen.always("\r"))
        let row = PropertyBased.zip(Gen.int(in: 0...99), value.array(of: 3...4), ending)
        let start = Gen.oneOf(Gen.always(""), Gen.always("\u{FEFF}"), Gen.always("\n"))
        await propertyCheck(input: start, row.array(of: 0...40), Gen.int(in: 1...300)) { start, rows, sliceBytes in
            var text = start + "record_id,given_names,family_name,date_of_birth\n"
            for (n, row) in rows.enumerated() {
                let (id, values, end) = row
                text += (id == 0 ? "" : "R\(n)-\(id)") + "," + values.joined(separator: ",") + end
            }
            let path = try write("people-\(UUID().uuidString).csv", Array(text.utf8))
            let expected = whole(path)
            #expect(await sliced(path, sliceBytes: sliceBytes, inFlight: 3) == expected)
        }
    }

    /// A quote never closed in a large file: the slicer hands the rest of the file to one
    /// reader once a record outgrows any real one, so the refusal names the quote's line
    /// and memory stays bounded.
    @Test func aQuoteNeverClosedInALargeFileIsRefusedAtItsLine() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "record_id,given_names,family_name\n"
        for n in 0..<2_000 { text += "A\(n),Ann,Lee\n" }
        text += "Q1,\"Bob,Lee\n"
        for n in 0..<120_000 { text += "R\(n),Carys,Jones with a longer surname to fill the field\n" }
        let path = try write("broken.csv", Array(text.utf8))
        let outcome = await sliced(path, sliceBytes: 1 << 16, inFlight: 2)
        #expect(outcome == .refused("broken.csv:2002: a field runs on past 1 MiB: a quote on this line is probably never closed"))
        #expect(outcome == whole(path))
    }

    /// Lines ending in carriage returns alone offer no cut; the file is read by one reader
    /// and still gives every row.
    @Test func carriageReturnLinesAreReadWhole() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "record_id,given_names,family_name\r"
        for n in 0..<3_000 { text += "C\(n),Ann,Lee\r" }
        let path = try write("old-mac.csv", Array(text.utf8))
        let outcome = await sliced(path, sliceBytes: 1 << 12, inFlight: 2)
        guard case .read(let records, _) = outcome else {
            Issue.record("refused: \(outcome)")
            return
        }
        #expect(records.count == 3_000)
        #expect(outcome == whole(path))
    }

    @Test func anEmptyFileAndAMissingIdColumnAreRefused() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try write("empty.csv", Array("\n\n".utf8))
        #expect(await sliced(empty, sliceBytes: 1, inFlight: 2) == .refused("empty.csv:1: the file is empty: it needs a header line with record_id"))
        let noIDs = try write("noids.csv", Array("\ngiven_names,family_name\nAnn,Lee\n".utf8))
        #expect(await sliced(noIDs, sliceBytes: 4, inFlight: 2) == .refused("noids.csv:2: there is no record_id column"))
        #expect(whole(noIDs) == .refused("noids.csv:2: there is no record_id column"))
    }

    /// The reader reads only the header itself: every row of a well-formed file goes to the
    /// workers, however large the first slice.
    @Test func theReaderParsesOnlyTheHeader() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "record_id,given_names,family_name\n" + (0..<2_000).map { "W\($0),Ann,Lee\n" }.joined()
        let path = try write("workers.csv", Array(text.utf8))
        var slices = try PeopleFileSlices(path: path, source: "police", sliceBytes: 1 << 20)
        var rows = 0
        while let piece = try slices.next() {
            guard case .rows(let part) = piece else {
                Issue.record("the reader parsed rows itself")
                continue
            }
            rows += try part.read().records.count
        }
        #expect(rows == 2_000)
    }

    /// Held-back records leave the input but are returned, in reading order.
    @Test func heldBackRecordsLeaveTheInput() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "record_id,given_names,family_name\n" + (0..<500).map { "H\($0),Ann,Lee\n" }.joined()
        let path = try write("held.csv", Array(text.utf8))
        let loaded = try await PeopleFileLoading.load([(path, "police")], sliceBytes: 300, slicesInFlight: 2) {
            $0.hasSuffix("7")
        }
        #expect(loaded.heldBack.map(\.recordID) == (0..<500).filter { $0 % 10 == 7 }.map { "police:H\($0)" })
        #expect(loaded.input.recordIDs == (0..<500).filter { $0 % 10 != 7 }.map { "police:H\($0)" })
    }
}
