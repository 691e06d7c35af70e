import Linkage

/// Reads people files into a `LinkageInput`, standardising each batch on another core
/// while the next is read: reading a CSV is one thread's work, so without the overlap
/// a ten-million-row run would spend most of its time with one core idle.
enum PeopleFileLoading {
    /// Loads every file in order; `keep` sees each record first and may hold it back
    /// (returning false) from the run.
    static func load(_ files: [(path: String, source: String)], batchSize: Int = 50_000,
                     keep: (LinkageRecord) -> Bool = { _ in true }) async throws -> (input: LinkageInput, unidentifiable: [String]) {
        var input = LinkageInput()
        var unidentifiable: [String] = []
        var inFlight: Task<LinkageInput.Part, Never>?
        for file in files {
            var stream = try PeopleFileStream(path: file.path, source: file.source)
            while let batch = try stream.next(batchSize: batchSize) {
                let linked = batch.filter(keep)
                let next = Task { await LinkageInput.standardise(linked, workers: 1) }
                if let previous = inFlight { input.append(await previous.value) }
                inFlight = next
            }
            unidentifiable += stream.unidentifiable
        }
        if let previous = inFlight { input.append(await previous.value) }
        return (input, unidentifiable)
    }
}
