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
    /// On PostgreSQL too: the pages bench, measured again once the reads
    /// were prepared statements, ran 5-30% faster there on the loops, with
    /// 1-2% of the cores idle against 5-9% (an earlier build had run at a
    /// third of the rate on them). `LANTERN_TASKS_ON_EVENT_LOOPS=0` keeps
    /// Swift's own pool (for comparing).
    /// Only for the commands that serve pages: linkage, imports and the
    /// other benches spread their work over every core with task groups, and
    /// on the event loops they ran half as fast (`lantern bench link` at one
    /// million records: 15 s against 10 s).
    /// `LANTERN_BLOCKING_THREADS` sizes the pool SQLite's calls and file
    /// reads run on (default: one per core).
    public static func prepareProcess(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                      arguments: [String] = CommandLine.arguments) {
        if let threads = environment["LANTERN_BLOCKING_THREADS"].flatMap(Int.init), threads > 0 {
            NIOSingletons.blockingPoolThreadCountSuggestion = min(threads, 64)
        }
        if servesPages(arguments), environment["LANTERN_TASKS_ON_EVENT_LOOPS"] != "0" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
    }

    /// `serve`, `demo` and `bench pages`: the commands whose work is answering requests.
    static func servesPages(_ arguments: [String]) -> Bool {
        let words = arguments.dropFirst().filter { !$0.hasPrefix("-") }
        switch words.first {
        case "serve", "demo": return true
        case "bench": return words.dropFirst().first == "pages"
        default: return false
        }
    }
}
