import Foundation
import LanternDomain
import Storage

/// Lets one release through at a time. The differencing guard checks a new
/// table against every earlier release: two releases checked side by side
/// could each pass against the history and together isolate a small count,
/// so they queue here (and, on PostgreSQL, behind a lock every process shares).
actor ReleaseLine {
    static let shared = ReleaseLine()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        defer { handOn() }
        return try await body()
    }

    private func handOn() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// The cells of every release decoded once, by release id. A release is never
/// changed or deleted, so the guard's history is the releases the store lists
/// now, taken from here, with only those not seen before read and decoded.
/// Ids are UUIDs, so releases of different stores in one process never mix.
actor ReleaseHistory {
    static let shared = ReleaseHistory()

    private var cells: [UUID: [ReleasedCell]] = [:]

    /// Every release in the store `repository` reads (inside the caller's transaction).
    func all(_ repository: ReleaseRepository) async throws -> [[ReleasedCell]] {
        let ids = try await repository.ids()
        let missing = ids.filter { cells[$0] == nil }
        if !missing.isEmpty {
            for (id, read) in try await repository.cells(of: missing) { cells[id] = read }
        }
        return ids.compactMap { cells[$0] }
    }
}
