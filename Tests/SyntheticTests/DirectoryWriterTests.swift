import Foundation
import Testing
@testable import Synthetic

@Suite struct DirectoryWriterTests {
    @Test func writesTheSameBytesAsTheInMemorySink() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A tiny buffer makes the writer flush many times mid-file.
        var writer = DirectoryWriter(directory: directory, bufferLimit: 512)
        let generator = PartnershipGenerator(people: 400, seed: 3, referenceDate: Fixture.reference)
        generator.generate(into: &writer)
        try writer.finish()
        let memory = Fixture.generate(people: 400, seed: 3)
        #expect(writer.files == memory.files)
        for file in memory.files {
            let written = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(written == memory.text(of: file), "\(file)")
        }
    }

    @Test func reportsAnUnwritableDirectory() throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-file-\(UInt64.random(in: 0...UInt64.max))")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // A path under a regular file cannot be created.
        var writer = DirectoryWriter(directory: file.appendingPathComponent("out"))
        writer.write(file: "a/people.csv", line: "record_id")
        #expect(throws: (any Error).self) { try writer.finish() }
    }
}
