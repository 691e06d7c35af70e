import Foundation
import NIOCore
import NIOPosix

extension LanternCommand {
    /// Process-wide set-up, before any asynchronous work: call it first, on
    /// the main thread, once (`main.swift` does).
    ///
    /// Swift's tasks run on NIO's event loops instead of a pool of their own
    /// (as Vapor's own template does): every query answer, request and
    /// response otherwise crosses between the two pools, and with two cores
    /// those crossings, not the work, were much of a page's time under load.
    /// Not on PostgreSQL (`DATABASE_URL`): there the pages bench ran at a
    /// third of the rate, its driver's replies waiting behind page rendering
    /// on the same loops. `LANTERN_TASKS_ON_EVENT_LOOPS=0` keeps Swift's own
    /// pool on SQLite too (for comparing).
    /// `LANTERN_BLOCKING_THREADS` sizes the pool SQLite's calls and file
    /// reads run on (default: one per core).
    public static func prepareProcess(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let threads = environment["LANTERN_BLOCKING_THREADS"].flatMap(Int.init), threads > 0 {
            NIOSingletons.blockingPoolThreadCountSuggestion = min(threads, 64)
        }
        if environment["LANTERN_TASKS_ON_EVENT_LOOPS"] != "0", (environment["DATABASE_URL"] ?? "").isEmpty {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
    }
}
