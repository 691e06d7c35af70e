import Foundation
import Linkage

/// Reads people files into a `LinkageInput`, standardising batches on the other cores
/// while the next is read. Standardising a record costs more than reading it, so with only
/// one batch in flight the run went at the pace of one standardising core while the reader's
/// core sat idle half the time; with one batch in flight per core, whenever the reader has
/// to wait for the oldest batch its core joins in standardising.
enum PeopleFileLoading {
    /// Loads every file in order; `keep` sees each record first and may hold it back
    /// (returning false) from the run. Batches join the input in the order they were read.
    static func load(_ files: [(path: String, source: String)], batchSize: Int = 50_000,
                     batchesInFlight: Int = ProcessInfo.processInfo.activeProcessorCount,
                     keep: (LinkageRecord) -> Bool = { _ in true }) async throws -> (input: LinkageInput, unidentifiable: [String]) {
        var input = LinkageInput()
        var unidentifiable: [String] = []
        var inFlight: [Task<LinkageInput.Part, Never>] = []
        let depth = max(1, batchesInFlight)
        for file in files {
            var stream = try PeopleFileStream(path: file.path, source: file.source)
            while let batch = try stream.next(batchSize: batchSize) {
                // In place, and reading through the buffer: a filtered copy retained every
                // field of every record once more.
                var linked = batch
                let held = linked.withUnsafeBufferPointer { rows in rows.indices.filter { !keep(rows[$0]) } }
                for index in held.reversed() { linked.remove(at: index) }
                inFlight.append(Task { await LinkageInput.standardise(linked, workers: 1) })
                if inFlight.count >= depth { input.append(await inFlight.removeFirst().value) }
            }
            unidentifiable += stream.unidentifiable
        }
        for part in inFlight { input.append(await part.value) }
        return (input, unidentifiable)
    }
}
