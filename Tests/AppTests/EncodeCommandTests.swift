import App
import ArgumentParser
import Foundation
import Testing

/// `lantern encode` and `lantern link --encoded`, run as a partner and the hub would.
@Suite struct EncodeCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-encode-\(UUID().uuidString)")
    /// clkhash 0.18.3's CLKs for these rows under docs/pprl-schema.json and `secret` (shared PPRL known answers).
    static let secret = "pprl-anchor-shared-secret-2024"
    static let rows = """
        record_id,given_name,surname,date_of_birth,sex,address_line_1,town,postcode
        ka1,oliver,smith,1980-03-04,M,12 high street,bath,BA1 2AB
        ka2,zoë,o'brien,1975-12-31,F,3 church lane,frome,BA11 1AA
        ka3,bill,taylor,,,220 station road,wells,BS3 4XY
        ka4,,,2001-07-09,F,,,
        ka5,al,li,1940-01-01,M,1 mill way,bath,W1 0AA
        """
    static let clks = [
        "JJ1IFAAEioKToSgsAZKDsMEGkQAQBWrAAuAinkFi6FpBAFUBASqozEWmjGIoAiIAAomWVADBKQVAcn2IEBh5jgYdyIjgQpYAKgQwgACQE5WoIGSBfChEAIQsSmC6igGQZMQepMzgFkmS7QsIxFkCGRAAJiwLKYQiaCQN5O5NckQ=",
        "J8QKgDFFiDBQqIl7SAMBi0BCAuEiBUQIYkUBCCRJPRBDEQUGCiGmGx6ANL4AEQQE56DXJgZJ0iNABEUB9AgVjIEEIxRMtCEFZQEbjliWT0ARBU0BEQBDUOAlCgMyiMWYgZROgQYHAJUkJIIQIiECuIRAATgE2VEooicD0p8EeCQ=",
        "YBIQgg0AQoAYAHSkhkQQiBAIgSAZAQ4kgLICQTCiCbAeCcT4ECggfwRknkBiAGGAIVCM2AVACACFtBANA4AiIiQgAggBYEGgJBEQwAQUYggAIBAASQJRYnAFFQAG0AQYIgYAAQZEAQSAgHkYUNzAIgAACQEAACEJFEIBQpIAIBI=",
        "gCAADBQCjCAAEAACABgACAACABAACQAEAECAAIQAAAAAAAAAAACAgAQgAAACAQgCAAAICgBBAAAAIAygFAEAACAQEEiAAkACAAAQCkAQQoACACABFEAYEAIBCBAAAACAEgQAAAAAQigAIgAAAEgQEEAABAACCAGACgEFBECAAEk=",
        "ZFU4RCEjC4QVJJRkCKwEMQpGIDAYBWAANAWCAEBJkFoHitQgEhnwohUD1McjAhhQHIiaXwRRgAAAszgC2BFQBABAEVjCwkAGyBEKWhSBIaGAB2AREANjWISdLAAmgkSVYYQViMglAIkkLE4SyliyIQMBCBaMyOFDKQgdS4WKwUE=",
    ]

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: [String]) async throws {
        var command = try LanternCommand.parseAsRoot(arguments) as! any AsyncParsableCommand
        try await command.run()
    }

    func message(_ arguments: [String]) async -> String {
        do {
            try await run(arguments)
            return ""
        } catch {
            return (error as? ValidationError)?.message ?? "\(error)"
        }
    }

    static var schemaPath: String {
        // The repository's copy of the starting schema, found from this source file.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/pprl-schema.json").path
    }

    func clkColumn(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
    }

    @Test func encodesAsClkhashDoes() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try write("people.csv", Self.rows)
        let key = try write("key", Self.secret + "\n")
        let out = folder.appendingPathComponent("encoded.csv").path
        try await run(["encode", "--schema", Self.schemaPath, "--secret-file", key, "--out", out, "--as-is", input])
        #expect(try clkColumn(out) == Self.clks)
        // Standardising leaves these values alone except "bill" and "al", written in their formal forms.
        try await run(["encode", "--schema", Self.schemaPath, "--secret-file", key, "--out", out, input])
        let standardised = try clkColumn(out)
        #expect(standardised.enumerated().filter { $0.element == Self.clks[$0.offset] }.map(\.offset) == [0, 1, 3])
    }

    @Test func standardisesForClkhashWithoutTheSecret() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try write("people.csv", "record_id,given_names,family_name,date_of_birth,sex,address_line,postcode\nr1,Bill James,SMITH ,04/03/1980,male,12 High Rd,ba12ab\n")
        let out = folder.appendingPathComponent("std.csv").path
        try await run(["encode", "--schema", Self.schemaPath, "--standardise-only", "--out", out, input])
        #expect(try String(contentsOfFile: out, encoding: .utf8)
            == "record_id,given_name,surname,date_of_birth,sex,address_line_1,town,postcode\nr1,william,smith,1980-03-04,M,12 high road,,BA1 2AB\n")
        #expect(await message(["encode", "--schema", Self.schemaPath, "--out", out, input]).contains("--secret-file is needed"))
    }

    @Test func refusesBadSecretsAndSchemas() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try write("people.csv", Self.rows)
        let out = folder.appendingPathComponent("encoded.csv").path
        let empty = try write("empty", "\n")
        #expect(await message(["encode", "--schema", Self.schemaPath, "--secret-file", empty, "--out", out, input]).contains("is empty"))
        let short = try write("short", "tooshort")
        #expect(await message(["encode", "--schema", Self.schemaPath, "--secret-file", short, "--out", out, input]).contains("at least 16"))
        let key = try write("key", Self.secret)
        let badSchema = try write("schema.json", try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
            .replacingOccurrences(of: "\"positional\": true", with: "\"positional\": \"yes\""))
        let problem = await message(["encode", "--schema", badSchema, "--secret-file", key, "--out", out, input])
        #expect(problem.contains("line 72"))
        #expect(problem.contains("features[3] (date_of_birth).hashing.comparison.positional"))
        let badValue = try write("bad.csv", Self.rows + "\nka6,ann,lee,1990-01-01,M,1 a road,bath,BA1 1AA")
        let refused = await message(["encode", "--schema", Self.schemaPath, "--secret-file", key, "--out", out, "--as-is", badValue])
        #expect(refused == "")
        let wrongSex = try write("sex.csv", Self.rows + "\nka6,ann,lee,1990-01-01,Q,1 a road,bath,BA1 1AA")
        #expect(await message(["encode", "--schema", Self.schemaPath, "--secret-file", key, "--out", out, "--as-is", wrongSex])
            == "sex.csv:line 7: sex: must be one of M, F")
    }

    @Test func linksEncodingsAndKeepsCannotLink() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try write("key", Self.secret)
        let police = try write("police.csv", Self.rows)
        let health = try write("health.csv", """
            record_id,given_name,surname,date_of_birth,sex,address_line_1,town,postcode
            h1,Oliver,SMITH,04/03/1980,male,12 High St,Bath,ba12ab
            h2,zoe,obrien,1975-12-31,F,3 church lane,frome,BA11 1AA
            h3,William,Taylor,1962-05-05,M,220 Station Rd,wells,BS3 4XY
            """)
        var encoded: [String] = []
        for (name, input) in [("police-encoded", police), ("health-encoded", health)] {
            let out = folder.appendingPathComponent("\(name).csv").path
            try await run(["encode", "--schema", Self.schemaPath, "--secret-file", key, "--out", out, input])
            encoded.append(out)
        }
        // The police say ka1 and a copy of it under another id are different people.
        var police2 = try String(contentsOfFile: encoded[0], encoding: .utf8).split(separator: "\n").map(String.init)
        police2[0] += ",partner_person_id"
        for i in 1..<police2.count { police2[i] += ",p\(i)" }
        police2.append("ka1copy," + police2[1].split(separator: ",")[1] + ",p99")
        try police2.joined(separator: "\n").write(toFile: encoded[0], atomically: true, encoding: .utf8)
        let clusters = folder.appendingPathComponent("clusters.csv").path
        try await run(["link", "--encoded", encoded[0], "--encoded", encoded[1], "--clusters", clusters, "--threshold", "0.8"])
        let people = Dictionary(uniqueKeysWithValues: try String(contentsOfFile: clusters, encoding: .utf8)
            .split(separator: "\n").dropFirst().map { line in (String(line.split(separator: ",")[0]), String(line.split(separator: ",")[1])) })
        #expect(people.count == 9)
        #expect(people["police-encoded:ka1"] == people["health-encoded:h1"])
        #expect(people["police-encoded:ka3"] == people["health-encoded:h3"])
        #expect(people["police-encoded:ka1copy"] != people["police-encoded:ka1"])
        #expect(people["police-encoded:ka4"] != people["health-encoded:h1"])
    }

    @Test func badEncodingsNameTheLine() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = "record_id,clk\nr1,\(Self.clks[0])\n"
        let a = try write("a.csv", good)
        let broken = try write("broken.csv", good + "r2,not*base64!\n")
        #expect(await message(["link", "--encoded", a, "--encoded", broken]) == "broken.csv:3: clk is not valid base64")
        let short = try write("short.csv", good + "r2,\(Self.clks[1].prefix(8))\n")
        #expect(await message(["link", "--encoded", a, "--encoded", short])
            == "short.csv:3: clk is 48 bits long; this linkage uses 1024-bit encodings")
        let clear = try write("clear.csv", "record_id,given_names,family_name\nx,Ann,Lee\n")
        #expect(await message(["link", "--encoded", a, "--encoded", clear]).contains("clear.csv:1: column given_names is clear text"))
        let key = try write("key", Self.secret)
        let mixed = try write("a-people.csv", Self.rows)
        let aFolder = folder.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: aFolder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: mixed, toPath: aFolder.appendingPathComponent("people.csv").path)
        #expect(await message(["link", "--encoded", a, "--records", aFolder.appendingPathComponent("people.csv").path,
                               "--schema", Self.schemaPath, "--secret-file", key]).contains("needs --mixed-partner"))
    }
}
