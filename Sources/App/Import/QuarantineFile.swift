import Foundation
import LanternDomain

/// A reject file: the bad rows of an import with their line and problems,
/// so they can be fixed and sent again.
public final class QuarantineFile: @unchecked Sendable {
    // Safe: one import uses a file from one task at a time; the lock guards
    // against accidental sharing.
    private let lock = NSLock()
    private let handle: FileHandle
    private var wroteHeader = false
    public let path: String

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw ImportFailure.unreadable(path) }
        self.handle = handle
        self.path = path
    }

    func reject(_ row: RawRow, problems: [ImportProblem], columns: [String]) throws {
        lock.lock()
        defer { lock.unlock() }
        var text = ""
        if !wroteHeader {
            text += (["line"] + columns + ["problems"]).map(Self.quote).joined(separator: ",") + "\n"
            wroteHeader = true
        }
        let reasons = problems.map { $0.field.isEmpty ? $0.reason : "\($0.field): \($0.reason)" }.joined(separator: "; ")
        let fields = [String(row.line)] + columns.map { row.values[$0] ?? "" } + [reasons]
        text += fields.map(Self.quote).joined(separator: ",") + "\n"
        try handle.write(contentsOf: Data(text.utf8))
    }

    func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try handle.synchronize()
        try handle.close()
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
