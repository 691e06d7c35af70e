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
        guard !batch.isEmpty else { return }
        let part = await StandardisedRecords.build(batch, workers: max(1, workers))
        if standard.count == 0 { standard = part } else { standard.append(contentsOf: part) }
        recordIDs.append(contentsOf: batch.lazy.map(\.recordID))
    }
}
