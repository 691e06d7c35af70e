import Foundation

/// Writes generated extracts into a directory, buffering each file so that a
/// million-person run streams to disk without holding the data in memory.
///
/// Use it with ``PartnershipGenerator/generate(into:)``, then call
/// ``finish()``. Contract: the directory and sub-directories are created as
/// needed; existing files of the same name are replaced; each file holds at
/// most `bufferLimit` unwritten bytes; the first I/O error stops all writing
/// and is thrown by ``finish()``.
public struct DirectoryWriter: ExtractSink {
    public let directory: URL
    private let bufferLimit: Int
    private var names: [String] = []
    private var handles: [FileHandle?] = []
    private var buffers: [[UInt8]] = []
    private var lastIndex = -1
    private var failure: (any Error)?

    public init(directory: URL, bufferLimit: Int = 1 << 20) {
        self.directory = directory
        self.bufferLimit = bufferLimit
    }

    /// The paths written so far, relative to ``directory``, in first-write order.
    public var files: [String] { names }

    public mutating func write(file: String, line: String) {
        guard failure == nil else { return }
        let index = indexOf(file)
        guard index >= 0 else { return }
        buffers[index].append(contentsOf: line.utf8)
        buffers[index].append(UInt8(ascii: "\n"))
        if buffers[index].count >= bufferLimit { flush(index) }
    }

    /// Flushes and closes every file; throws the first error met while writing.
    public mutating func finish() throws {
        for index in buffers.indices { flush(index) }
        for handle in handles { try? handle?.close() }
        handles = handles.map { _ in nil }
        if let failure { throw failure }
    }

    private mutating func indexOf(_ file: String) -> Int {
        // Generators pass the same few name strings over and over: comparing
        // with the last one first keeps lookup off the per-line cost.
        if lastIndex >= 0 && names[lastIndex] == file { return lastIndex }
        if let found = names.firstIndex(of: file) {
            lastIndex = found
            return found
        }
        let url = directory.appendingPathComponent(file)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            let handle = try FileHandle(forWritingTo: url)
            names.append(file)
            handles.append(handle)
            buffers.append([])
            buffers[buffers.count - 1].reserveCapacity(bufferLimit + 4096)
            lastIndex = names.count - 1
            return lastIndex
        } catch {
            failure = error
            return -1
        }
    }

    private mutating func flush(_ index: Int) {
        guard !buffers[index].isEmpty, let handle = handles[index] else { return }
        do {
            try handle.write(contentsOf: buffers[index])
        } catch {
            if failure == nil { failure = error }
        }
        buffers[index].removeAll(keepingCapacity: true)
    }
}
