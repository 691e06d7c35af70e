import Foundation
import LanternDomain

/// Where an extract's bytes come from, and in which format.
public struct ExtractSource: Sendable {
    public enum Format: String, Sendable { case csv, jsonLines, jsonArray }
    enum Bytes: Sendable { case file(String), data(Data) }

    let bytes: Bytes
    public let name: String
    public let format: Format

    /// A file on disk; the format follows the extension (.csv, .jsonl/.ndjson, .json).
    public static func file(_ path: String) throws -> ExtractSource {
        guard FileManager.default.isReadableFile(atPath: path) else { throw ImportFailure.unreadable(path) }
        let name = (path as NSString).lastPathComponent
        return ExtractSource(bytes: .file(path), name: name, format: try format(forName: name, contentType: nil))
    }

    /// An uploaded body; the format follows the content type, then the name.
    public static func data(_ data: Data, name: String, contentType: String?) throws -> ExtractSource {
        ExtractSource(bytes: .data(data), name: name, format: try format(forName: name, contentType: contentType))
    }

    static func format(forName name: String, contentType: String?) throws -> Format {
        switch contentType?.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
        case "text/csv": return .csv
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines": return .jsonLines
        case "application/json": return .jsonArray
        default: break
        }
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        if lower.hasSuffix(".json") { return .jsonArray }
        throw ImportFailure.unknownFormat(name)
    }

    /// The size in bytes, when known, for progress estimates.
    public var size: Int? {
        switch bytes {
        case .data(let data): data.count
        case .file(let path): (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        }
    }

    /// Calls `body` with successive chunks of at most `size` bytes.
    func forEachChunk(size: Int = 1 << 20, _ body: (Data) async throws -> Void) async throws {
        switch bytes {
        case .data(let data):
            var start = data.startIndex
            while start < data.endIndex {
                let end = data.index(start, offsetBy: size, limitedBy: data.endIndex) ?? data.endIndex
                try await body(data[start..<end])
                start = end
            }
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportFailure.unreadable(path) }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: size), !chunk.isEmpty {
                try await body(chunk)
            }
        }
    }
}

/// Why an import could not run or was refused, with what to do next.
public enum ImportFailure: Error, Sendable, CustomStringConvertible {
    case unreadable(String)
    case unknownFormat(String)
    case unknownPartner(String)
    case noAgreement(partner: String)
    case rejected(problems: [ImportProblem], moreProblems: Int, rows: Int)

    /// A short reason for the audit ledger: counts, never row contents.
    var auditReason: String {
        switch self {
        case .rejected(let problems, let more, let rows): "refused: \(problems.count + more) problem(s) in \(rows) row(s)"
        case .unknownPartner: "refused: unknown partner"
        case .noAgreement: "refused: no approved agreement in force"
        case .unreadable, .unknownFormat: "refused: unreadable file"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path): check the path and its permissions"
        case .unknownFormat(let name): "cannot tell the format of \(name): name it .csv, .jsonl, .ndjson or .json, or send a Content-Type"
        // Refusals: their words are the catalogue's, the same in the CLI and the API.
        case .unknownPartner(let slug): Refusal.extractFromUnknownPartner(slug).reason
        case .noAgreement(let partner): Refusal.extractWithoutAgreement(partner: partner).reason
        case .rejected(let problems, let more, let rows):
            ([ "the file was refused and nothing was written: \(problems.count + more) problem(s) in \(rows) row(s)" ]
             + problems.map(\.description)
             + (more > 0 ? ["... and \(more) more problems"] : [])
             + ["fix the rows and send the whole file again, or use --quarantine FILE to load the good rows"])
            .joined(separator: "\n")
        }
    }
}
