/// Records standardised as they arrive, so that a run over millions of records never
/// holds their raw text: only each record's id and its standardised fields.
///
/// Use it to stream a large file into `LinkageRun.run(input:)`: append records in batches
/// (each batch is standardised on `workers` cores) and drop the batch. Contract: record `i`
/// of the run is the `i`-th record appended; ids must be unique (checked by the run).
public struct LinkageInput: Sendable {
    var standard = StandardisedRecords()
    public private(set) var recordIDs: [String] = []

    public init() {}

    public var count: Int { recordIDs.count }

    /// Standardises `batch` and appends it.
    public mutating func append(contentsOf batch: [LinkageRecord], workers: Int = 2) async {
        append(await Self.standardise(batch, workers: workers))
    }

    /// A batch standardised on its own, to be appended in order; lets a reader standardise
    /// one batch on another core while it reads the next.
    public struct Part: Sendable {
        let standard: StandardisedRecords
        let recordIDs: [String]
    }

    public static func standardise(_ batch: [LinkageRecord], workers: Int = 1) async -> Part {
        Part(standard: await StandardisedRecords.build(batch, workers: max(1, workers)), recordIDs: batch.map(\.recordID))
    }

    public mutating func append(_ part: Part) {
        guard !part.recordIDs.isEmpty else { return }
        if standard.count == 0 { standard = part.standard } else { standard.append(contentsOf: part.standard) }
        recordIDs.append(contentsOf: part.recordIDs)
    }
}
