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

/// The register filed for the differencing guard (``ReleaseIndex``), kept
/// between requests. A release is never changed or deleted, so the index of a
/// store is the one kept for it with only the releases not seen before read,
/// decoded and filed; their decoded cells are then dropped, so memory follows
/// the distinct cells released, not every cell of every release.
///
/// One index per store: a store's releases only grow, and ids are UUIDs, so
/// the index whose releases are all still listed is that store's, and
/// releases of different stores in one process (tests) never mix.
actor ReleaseHistory {
    static let shared = ReleaseHistory()

    private struct Register {
        var ids: Set<UUID>
        var index: ReleaseIndex
    }

    private var registers: [Register] = []
    /// Stores remembered at once (a server has one; tests make many).
    private let kept = 8

    /// The index of every release in the store `repository` reads (inside the caller's transaction).
    func index(_ repository: ReleaseRepository) async throws -> ReleaseIndex {
        let ids = try await repository.ids()
        let listed = Set(ids)
        // Taken out while it grows, so that adding to it does not copy it.
        var register = registers.firstIndex { !$0.ids.isEmpty && $0.ids.isSubset(of: listed) }.map { registers.remove(at: $0) }
            ?? Register(ids: [], index: ReleaseIndex())
        let missing = ids.filter { !register.ids.contains($0) }
        // Read and filed a few hundred at a time, so a long register is never held decoded.
        for start in stride(from: 0, to: missing.count, by: 200) {
            let chunk = Array(missing[start..<min(start + 200, missing.count)])
            let read = try await repository.cells(of: chunk)
            for id in chunk {
                guard let cells = read[id] else { continue }
                register.index.add(cells)
                register.ids.insert(id)
            }
        }
        if !register.ids.isEmpty {
            registers.append(register)
            if registers.count > kept { registers.removeFirst() }
        }
        return register.index
    }
}
