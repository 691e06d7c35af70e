import Foundation
import LanternDomain
import NIOConcurrencyHelpers
import Storage

/// Areas' settings as decoded once per process, keyed by the row each was
/// saved in. A saved row never changes: an edit is saved as the next
/// version, in a new row with a new id. So an entry can never be stale, and
/// which entry a page uses is decided by the store on every request (the
/// standing read names each area's latest row): a change saved by any
/// process is shown on the next request, with no invalidation to miss.
final class PanelAreaCache: Sendable {
    static let shared = PanelAreaCache()

    private let entries = NIOLockedValueBox<[UUID: PanelAreaConfiguration]>([:])
    /// Enough for every version of every area of a partnership; a test run
    /// makes many stores in one process, so the cache is emptied past it.
    private let limit = 512

    /// The settings saved in `rows`, from the cache, reading only the rows it lacks.
    func settings(ofRows rows: [UUID], repository: PanelAreaRepository) async throws -> [UUID: PanelAreaConfiguration] {
        var found: [UUID: PanelAreaConfiguration] = [:]
        let known = entries.withLockedValue { entries in rows.compactMap { row in entries[row].map { (row, $0) } } }
        for (row, settings) in known { found[row] = settings }
        let missing = rows.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found }
        let read = try await repository.settings(ofRows: missing)
        entries.withLockedValue { entries in
            if entries.count + read.count > limit { entries.removeAll() }
            entries.merge(read) { _, new in new }
        }
        return found.merging(read) { _, new in new }
    }
}
