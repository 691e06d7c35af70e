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
