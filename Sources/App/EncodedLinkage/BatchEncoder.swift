import EncodedLinkage
import Foundation

/// Encodes many rows on every core: the rows are cut into one slice per task and each
/// task encodes its slice with the shared, immutable `CLKEncoder`.
enum BatchEncoder {
    /// CLKs in row order; the first row that cannot be encoded stops the batch with an
    /// `EncodingProblem` naming its line and feature.
    static func encode(_ rows: [EncodeInput.Row], encoder: CLKEncoder, standardiser: ValueStandardiser?,
                       tasks: Int = ProcessInfo.processInfo.activeProcessorCount) async throws -> [CLK] {
        let slices = max(1, min(tasks * 4, rows.count / 1_000 + 1))
        let size = (rows.count + slices - 1) / max(1, slices)
        return try await withThrowingTaskGroup(of: (Int, [CLK]).self) { group in
            for slice in 0..<slices {
                let range = (slice * size)..<min(rows.count, (slice + 1) * size)
                guard !range.isEmpty else { continue }
                group.addTask {
                    var out: [CLK] = []
                    out.reserveCapacity(range.count)
                    for row in rows[range] {
                        let values = standardiser?.standardise(row.values) ?? row.values
                        do {
                            out.append(try encoder.encode(values))
                        } catch var problem as EncodingProblem {
                            problem.line = row.line
                            throw problem
                        }
                    }
                    return (slice, out)
                }
            }
            var parts = [[CLK]](repeating: [], count: slices)
            for try await (slice, clks) in group { parts[slice] = clks }
            return parts.flatMap { $0 }
        }
    }
}
