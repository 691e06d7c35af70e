@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A file that is not UTF-8 is refused whole, with its line named, in every
/// format and through both ways in (`lantern import` reads a file; the API
/// takes a body); nothing is written.
@Suite struct ImportEncodingTests {
    static let header = Array("record_id,given_names,family_name\n".utf8)

    /// The same people in each format, with Latin-1 "é" (0xE9) in line 3's given name.
    static func extract(_ format: String) -> (name: String, bytes: [UInt8], line: Int, field: String) {
        let good = Array("Ren".utf8) + [0xC3, 0xA9] + Array("e".utf8), bad = Array("Ren".utf8) + [0xE9] + Array("e".utf8)
        switch format {
        case "csv":
            return ("people.csv", header + Array("P-1,".utf8) + good + Array(",Doe\nP-2,".utf8) + bad + Array(",Roe\n".utf8), 3, "given_names")
        case "ndjson":
            let row = { (id: String, name: [UInt8]) in Array(#"{"record_id":"\#(id)","given_names":""#.utf8) + name + Array(#"","family_name":"Doe"}"#.utf8) + [0x0A] }
            return ("people.ndjson", row("P-1", good) + row("P-2", good) + row("P-3", bad), 3, "")
        default:
            let row = { (id: String, name: [UInt8]) in Array(#"{"record_id":"\#(id)","given_names":""#.utf8) + name + Array(#"","family_name":"Doe"}"#.utf8) }
            return ("people.json", Array("[\n".utf8) + row("P-1", good) + Array(",\n".utf8) + row("P-2", bad) + Array("\n]\n".utf8), 3, "")
        }
    }

    static func expectRefused(_ error: any Error, _ expected: (name: String, bytes: [UInt8], line: Int, field: String)) {
        guard case ImportFailure.rejected(let problems, _, _) = error else {
            Issue.record("expected a refusal, got \(error)")
            return
        }
        let problem = problems.first
        #expect(problems.count == 1)
        #expect(problem?.file == expected.name && problem?.line == expected.line && problem?.field == expected.field,
                "\(String(describing: problem))")
        #expect(problem?.reason.hasPrefix("not valid UTF-8") == true)
    }

    /// As `lantern import` does: the extract read from a file on disk.
    @Test(arguments: ["csv", "ndjson", "json"])
    func aFileOnDiskThatIsNotUTF8IsRefusedWhole(_ format: String) async throws {
        try await withApp(.sqlite) { app in
            // setup
            let extract = Self.extract(format)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-utf8-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent(extract.name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(extract.bytes)))
            // act
            do {
                _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "command-line")
                    .run(partner: "test-police", kind: .people, source: try .file(path))
                Issue.record("a file that is not UTF-8 was loaded")
            } catch {
                // validate
                Self.expectRefused(error, extract)
            }
            #expect(try await PeopleRepository(database: app.db as! any SQLDatabase).counts().values.allSatisfy { $0 == 0 })
        }
    }

    /// Through `POST /api/v1/imports`: 422 with the problem, nothing written.
    @Test(arguments: ["csv", "ndjson", "json"])
    func anUploadThatIsNotUTF8IsRefusedWhole(_ format: String) async throws {
        try await withApp(.sqlite) { app in
            // setup
            let extract = Self.extract(format)
            let token = APIToken.make()
            _ = try await AccountSecurityRepository(database: app.db as! any SQLDatabase).addToken(
                name: "Police nightly", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(token), at: Date())
            var headers: HTTPHeaders = ["Content-Type": ["csv": "text/csv", "ndjson": "application/x-ndjson", "json": "application/json"][format]!]
            headers.bearerAuthorization = BearerAuthorization(token: token)
            // act
            let response = try await app.testing().sendRequest(.POST, "/api/v1/imports?partner=test-police&kind=people&name=\(extract.name)",
                                                               headers: headers, body: ByteBuffer(bytes: extract.bytes))
            // validate
            #expect(response.status == .unprocessableEntity)
            let body = try response.content.decode(APIError.self)
            #expect(body.problems.first?.line == extract.line && body.problems.first?.reason.hasPrefix("not valid UTF-8") == true)
            #expect(try await PeopleRepository(database: app.db as! any SQLDatabase).counts().values.allSatisfy { $0 == 0 })
        }
    }

    /// The well-formed twin of each extract loads, so the refusal is about the byte.
    @Test(arguments: ["csv", "ndjson", "json"])
    func theSameFileInUTF8Loads(_ format: String) async throws {
        try await withApp(.sqlite) { app in
            var extract = Self.extract(format)
            extract.bytes = Array(String(decoding: extract.bytes, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "é").utf8)
            let summary = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data([0xEF, 0xBB, 0xBF] + extract.bytes), name: extract.name, contentType: nil))
            #expect(summary.loaded == (format == "json" ? 2 : format == "ndjson" ? 3 : 2))
        }
    }
}
