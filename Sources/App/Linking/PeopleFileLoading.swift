import Foundation
import Linkage

/// Reads people files into a `LinkageInput`, parsing and standardising slices of each file
/// on every core while the next slice is read.
///
/// Standardising a record costs more than reading it, so the reader keeps one slice in
/// flight per core; whenever it has to wait for the oldest, its core joins in. Parsing was
/// done by the reader alone until a quarter of the stage's time went to it on one core, so
/// the reader now only finds where rows end (`PeopleFileSlices`).
enum PeopleFileLoading {
    /// What the files gave: the input to link, the rows set aside (`file:line`), and the
    /// records `holdBack` kept out of the input.
    struct Loaded: Sendable {
        var input = LinkageInput()
        var unidentifiable: [String] = []
        var heldBack: [LinkageRecord] = []
        /// Every record in the input, in its order, when asked for.
        var records: [LinkageRecord] = []
    }

    /// Loads every file in order; `holdBack` sees each record's id and keeps out of the
    /// input those it answers true for. Slices join the input in the order they were read.
    /// Slices of 2 MiB rather than 4: the last slice is standardised on one core while the
    /// other waits, and at a million records the stage was half a second shorter.
    static func load(_ files: [(path: String, source: String)], sliceBytes: Int = 2 << 20,
                     slicesInFlight: Int = ProcessInfo.processInfo.activeProcessorCount,
                     keepingRecords: Bool = false,
                     holdBack: @escaping @Sendable (String) -> Bool = { _ in false }) async throws -> Loaded {
        var loaded = Loaded()
        var inFlight: [Task<Slice, any Error>] = []
        let depth = max(1, slicesInFlight)
        func join(_ task: Task<Slice, any Error>) async throws {
            let slice = try await task.value
            loaded.input.append(slice.part)
            loaded.unidentifiable += slice.unidentifiable
            loaded.heldBack += slice.heldBack
            loaded.records += slice.records
        }
        do {
            for file in files {
                var slices = try PeopleFileSlices(path: file.path, source: file.source, sliceBytes: sliceBytes)
                while let piece = try slices.next() {
                    inFlight.append(Task { try await Slice(piece, keepingRecords: keepingRecords, holdBack: holdBack) })
                    if inFlight.count >= depth { try await join(inFlight.removeFirst()) }
                }
            }
            while !inFlight.isEmpty { try await join(inFlight.removeFirst()) }
        } catch {
            // The slices still in flight finish on their own; none of their work is kept.
            for task in inFlight { task.cancel() }
            throw error
        }
        return loaded
    }

    /// One piece of a file parsed (if the reader did not) and standardised.
    private struct Slice: Sendable {
        var part: LinkageInput.Part
        var unidentifiable: [String]
        var heldBack: [LinkageRecord] = []
        var records: [LinkageRecord] = []

        init(_ piece: PeopleFileSlices.Piece, keepingRecords: Bool,
             holdBack: @Sendable (String) -> Bool) async throws {
            var linked: [LinkageRecord]
            switch piece {
            case .rows(let rows): (linked, unidentifiable) = try rows.read()
            case .parsed(let records, let setAside): (linked, unidentifiable) = (records, setAside)
            }
            let held = linked.indices.filter { holdBack(linked[$0].recordID) }
            for index in held.reversed() { heldBack.append(linked.remove(at: index)) }
            heldBack.reverse()
            part = await LinkageInput.standardise(linked, workers: 1)
            if keepingRecords { records = linked }
        }
    }
}
