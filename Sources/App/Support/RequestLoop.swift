import NIOCore
import Vapor

/// Runs each request's work on the event loop that received it.
///
/// On PostgreSQL a request's queries go through connections of its own event
/// loop's pool, and each answer arrives on that loop. Swift's tasks run on
/// a pool of their own, so every query was two hand-overs between threads
/// (the question to the loop, the answer back), each a wake-up and a
/// context switch: a tenth of the server's time on the panel pages. Here the
/// request's task prefers its own loop, and the answer is picked up where
/// it lands. Work that must not hold a loop (password hashing, SQLite's
/// calls, file reads) already runs on the blocking pool.
struct RequestLoop: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Reads only: an import or another change may spread its work over
        // every core (task groups inherit the preference), and must not hold
        // one loop, and every request queued on it, for as long as it runs.
        guard request.method == .GET || request.method == .HEAD else { return try await next.respond(to: request) }
        return try await withTaskExecutorPreference(LoopTaskExecutor(loop: request.eventLoop)) {
            try await next.respond(to: request)
        }
    }
}

/// An event loop as a task executor: jobs run on the loop's thread, in order.
final class LoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
