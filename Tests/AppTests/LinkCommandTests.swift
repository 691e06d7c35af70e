@testable import App
import ArgumentParser
import Linkage
import Foundation
import Testing

/// `lantern link` in file mode, run as a user would, on messy files.
@Suite struct LinkCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-link-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func link(_ arguments: [String]) async throws {
        let parsed = try LanternCommand.parseAsRoot(["link"] + arguments)
        guard var runnable = parsed as? any AsyncParsableCommand else {
            Issue.record("link is not an async command")
            return
        }
        try await runnable.run()
    }

    func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func messyFilesAreLinkedNotRefused() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "x", count: 1_000)
        let police = try write("police.csv", """
            record_id,given_names,family_name,date_of_birth,sex,postcode,nhs_number,favourite_colour
            A1,Margaret,Okonkwo-Bright,1984-03-14,F,SS14 1DL,9434765919,blue
            A2,Dmitri,Иванов,31/02/1990,Q,NOT A POSTCODE,12345,green
            A3,\(long),\(long),,,,,
            A4,,,,,,,
            """)
        let health = try write("health.csv", """
            record_id,given_names,family_name,date_of_birth,sex,postcode,nhs_number
            H9,Peggy,Okonkwo Bright,14/03/1984,female,ss141dl,943 476 5919
            """)
        let pairs = folder.appendingPathComponent("pairs.csv").path
        let clusters = folder.appendingPathComponent("clusters.csv").path
        try await link(["--records", police, "--records", health, "--pairs", pairs, "--clusters", clusters])
        let people = Dictionary(uniqueKeysWithValues: try rows(clusters).map { ($0[0], $0[1]) })
        // A4 has nothing that identifies a person: reported and left out, not linked.
        #expect(people.count == 4)
        #expect(people["police:A4"] == nil)
        #expect(people["police:A1"] != nil && people["police:A1"] == people["health:H9"])
        #expect(people["police:A2"] != people["police:A1"])
        let scored = try rows(pairs)
        #expect(scored.contains { Set($0.prefix(2)) == ["police:A1", "health:H9"] })
    }

    @Test func duplicateIdsAndUnreadableFilesGetAClearError() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let duplicated = try write("dupes.csv", "record_id,given_names,family_name\nX,Ann,Lee\nX,Bob,Lee\n")
        await #expect(throws: (any Error).self) { try await link(["--records", duplicated]) }
        let noIDs = try write("noids.csv", "given_names,family_name\nAnn,Lee\n")
        await #expect(throws: (any Error).self) { try await link(["--records", noIDs]) }
        await #expect(throws: (any Error).self) { try await link(["--records", folder.appendingPathComponent("missing.csv").path]) }
    }

    /// More random pairs can be asked for; none is refused with what to give instead.
    @Test func theRandomPairsForUCanBeSetAndMustBePositive() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let people = try write("people.csv", "record_id,given_names,family_name,date_of_birth\nA1,Ann,Lee,1990-01-02\nA2,Ann,Lee,1990-01-02\n")
        let clusters = folder.appendingPathComponent("clusters.csv").path
        try await link(["--records", people, "--random-pairs", "5000", "--clusters", clusters])
        #expect(try rows(clusters).count == 2)
        await #expect { try await link(["--records", people, "--random-pairs", "0"]) } throws: { error in
            "\(error)".contains("--random-pairs must be a positive number")
        }
    }

    @Test func aRowWithNothingThatIdentifiesAPersonIsSetAsideWithItsLine() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write("people.csv", """
            record_id,given_names,family_name,date_of_birth,postcode,phone,nhs_number
            P1,Ann,Lee,1990-01-02,SS14 1DL,,
            P2,Unknown,N/K,,SS14 1DL,07700 900123,
            P3,,,1900-01-01,SS14 1DL,,
            P4,,,,,,9434765919
            P5,,,2001-07-30,,,
            P6,A,,,,,
            """)
        let contents = try PeopleFileReader.readContents(path: path, source: "police")
        #expect(contents.unidentifiable == ["people.csv:3", "people.csv:4"])
        #expect(contents.records.map(\.recordID) == ["police:P1", "police:P4", "police:P5", "police:P6"])
    }

    @Test func aBrokenQuoteOrARaggedRowIsRefusedWithItsLine() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "record_id,given_names,family_name\nQ1,Ann,Lee\nQ2,\"Bob,Lee\n"
        // Enough rows after the open quote that it runs past the parser's field limit.
        for n in 0..<40_000 { text += "R\(n),Carys,Jones with a longer surname to fill the field\n" }
        let broken = try write("broken.csv", text)
        #expect { try PeopleFileReader.readContents(path: broken, source: "police") } throws: { error in
            "\(error)".hasPrefix("broken.csv:3:") && "\(error)".contains("quote")
        }
        let ragged = try write("ragged.csv", "record_id,given_names,family_name\nQ1,Ann,Lee\nQ2,Bob,Lee,extra\n")
        #expect { try PeopleFileReader.readContents(path: ragged, source: "police") } throws: { error in
            "\(error)".hasPrefix("ragged.csv:3:") && "\(error)".contains("4 fields")
        }
    }

    /// Files read in small batches, several standardised at once, give the run exactly what
    /// one batch read whole gives: the same records in the same order, so the same people.
    @Test func batchesStandardisedSideBySideJoinInReadingOrder() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let given = ["Ann", "Bea", "Cal", "Dev", "", "Eve", "Fin", "Gus"]
        let family = ["Lee", "Okafor", "Smith-Jones", "Begum", "Nowak"]
        func rows(_ prefix: String, _ count: Int, shift: Int) -> String {
            (0..<count).map { i in
                let day = 1 + (i * 7) % 28, month = 1 + i % 12
                let identifiable = i % 37 != 5
                return identifiable
                    ? "\(prefix)\(i),\(given[(i + shift) % given.count]),\(family[i % family.count]),\(1950 + i % 60)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),SS\(1 + i % 9) \(i % 10)DL"
                    : "\(prefix)\(i),,,,"
            }.joined(separator: "\n")
        }
        let header = "record_id,given_names,family_name,date_of_birth,postcode\n"
        let files = [(try write("police.csv", header + rows("P", 400, shift: 0)), "police"),
                     (try write("health.csv", header + rows("H", 300, shift: 0)), "health")]
        let whole = try await PeopleFileLoading.load(files, sliceBytes: .max, slicesInFlight: 1)
        let batched = try await PeopleFileLoading.load(files, sliceBytes: 97, slicesInFlight: 3)
        #expect(batched.input.count == whole.input.count)
        #expect(batched.input.recordIDs == whole.input.recordIDs)
        #expect(batched.unidentifiable == whole.unidentifiable)
        #expect(whole.unidentifiable.count == 19)
        var random1 = SeededGenerator(seed: 11), random2 = SeededGenerator(seed: 11)
        var settings = LinkageSettings()
        settings.randomPairSampleSize = 20_000
        let linkedWhole = try await LinkageRun.run(input: whole.input, settings: settings, random: &random1)
        let linkedBatched = try await LinkageRun.run(input: batched.input, settings: settings, random: &random2)
        #expect(linkedBatched.summary.fieldQuality == linkedWhole.summary.fieldQuality)
        #expect(linkedBatched.personOfRecord == linkedWhole.personOfRecord)
        #expect(linkedBatched.pairs == linkedWhole.pairs)
        #expect(linkedWhole.personCount < linkedWhole.recordIDs.count)
    }

    @Test func emptyAndSingleRecordFilesGiveASensibleResult() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let clusters = folder.appendingPathComponent("clusters.csv").path
        let empty = try write("empty.csv", "record_id,given_names,family_name\n")
        try await link(["--records", empty, "--clusters", clusters])
        #expect(try rows(clusters).isEmpty)
        let one = try write("one.csv", "record_id,given_names,family_name\nZ1,Ann,Lee\n")
        try await link(["--records", one, "--clusters", clusters])
        #expect(try rows(clusters).map { $0[0] } == ["one:Z1"])
    }
}
