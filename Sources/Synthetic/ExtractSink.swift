/// Where generated extracts go, one line at a time.
///
/// Use ``DirectoryWriter`` to write files, ``InMemoryExtracts`` in tests, or
/// your own sink to stream straight into an importer. Contract: `file` is a
/// path relative to the output directory using `/` (`harrowmere-police/people.csv`);
/// `line` carries no line terminator (the sink adds `\n`) but may contain
/// line breaks inside a quoted CSV field or in `partnership.json`; the first
/// line a file receives is its CSV header.
public protocol ExtractSink {
    mutating func write(file: String, line: String)
}

/// Collects generated extracts in memory, file by file.
///
/// Use it in tests and small demos; for large runs use ``DirectoryWriter``.
/// Contract: ``files`` lists file names in the order first written, and
/// ``text(of:)`` is byte-for-byte what ``DirectoryWriter`` would write.
public struct InMemoryExtracts: ExtractSink, Sendable {
    public private(set) var files: [String] = []
    public private(set) var lines: [String: [String]] = [:]

    public init() {}

    public mutating func write(file: String, line: String) {
        if lines[file] == nil { files.append(file) }
        lines[file, default: []].append(line)
    }

    /// The file's contents: each line followed by `\n`.
    public func text(of file: String) -> String {
        guard let fileLines = lines[file] else { return "" }
        var text = ""
        for line in fileLines {
            text += line
            text += "\n"
        }
        return text
    }
}
