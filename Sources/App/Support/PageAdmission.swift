import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Lets a few requests at a time do their work on each event loop, and queues
/// the rest on that loop first come, first served.
///
/// Why: with every request let in at once, a loaded server shared each
/// core among dozens of half-done pages, and the work drifted between loops:
/// a request resumed from another thread (an audit batch, a queue) carries on
/// on whichever loop resumed it, so one loop could be idle while the other
/// had a queue. Measured with 50 users back to back on two cores, a quarter of
/// the CPU stood idle and the slowest pages waited behind everyone's. Here a
/// request waits its turn on its own connection's loop, where it also runs,
/// so both loops stay busy, and the wait is a fair queue rather than a share
/// of a crowded loop.
///
/// A request gives up its place once its response is ready (``AuditOnce``
/// calls ``Request/leaveAdmission()`` before it waits for the audit ledger),
/// so a page waiting for the disk holds no place. A request still working
/// after ``longest`` gives its place up too and carries on: a large upload
/// from a slow connection, or an import, must not hold up the pages queued
/// behind it. It sits outside every other middleware: everything that costs
/// CPU, sessions included, is inside.
struct PageAdmission: AsyncMiddleware {
    let lanes: AdmissionLanes
    /// How long a request may hold a place: many times a page's work, far less than anyone notices.
    var longest: TimeAmount = .milliseconds(250)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let lane = lanes.lane(for: request.eventLoop)
        await lane.enter()
        let place = AdmissionPlace(lane: lane)
        request.storage[AdmissionPlace.Key.self] = place
        let limit = request.eventLoop.scheduleTask(in: longest) { place.release() }
        defer {
            limit.cancel()
            place.release()
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Gives up this request's admission place early: its work is done and
    /// what remains is a wait that needs no CPU. Safe to call more than once.
    func leaveAdmission() {
        storage[AdmissionPlace.Key.self]?.release()
    }
}

/// One ``AdmissionLane`` per event loop, made when a loop first asks.
final class AdmissionLanes: Sendable {
    /// Requests doing their work at once on each loop.
    let places: Int
    private let lanes = NIOLockedValueBox<[ObjectIdentifier: AdmissionLane]>([:])

    init(places: Int) {
        precondition(places > 0, "an admission lane needs at least one place")
        self.places = places
    }

    func lane(for loop: any EventLoop) -> AdmissionLane {
        lanes.withLockedValue { lanes in
            if let lane = lanes[ObjectIdentifier(loop)] { return lane }
            let lane = AdmissionLane(places: places)
            lanes[ObjectIdentifier(loop)] = lane
            return lane
        }
    }
}

/// A fixed number of places and a first-come, first-served queue for them.
final class AdmissionLane: Sendable {
    private struct State {
        var free: Int
        var queue: [CheckedContinuation<Void, Never>] = []
        /// The first still waiting in `queue`: taking from the front of an array is not free.
        var head = 0

        var waiting: Int { queue.count - head }
    }

    private let state: NIOLockedValueBox<State>

    init(places: Int) {
        state = NIOLockedValueBox(State(free: places))
    }

    /// Free places and requests waiting, as they stand.
    var standing: (free: Int, waiting: Int) {
        state.withLockedValue { ($0.free, $0.waiting) }
    }

    /// Returns once the caller holds a place: at once if one is free, else
    /// after everyone who asked before it.
    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state -> Bool in
                // A free place means nobody is waiting: ``leave()`` hands places to waiters first.
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.queue.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    /// Hands the caller's place to the longest waiting, or frees it.
    func leave() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard state.waiting > 0 else {
                state.free += 1
                return nil
            }
            let next = state.queue[state.head]
            state.head += 1
            if state.head == state.queue.count {
                state.queue.removeAll(keepingCapacity: true)
                state.head = 0
            } else if state.head >= 256, state.head * 2 >= state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return next
        }
        next?.resume()
    }
}

/// A request's place in its lane, given back exactly once.
final class AdmissionPlace: Sendable {
    struct Key: StorageKey { typealias Value = AdmissionPlace }

    private let lane: AdmissionLane
    private let held = NIOLockedValueBox(true)

    init(lane: AdmissionLane) { self.lane = lane }

    func release() {
        let wasHeld = held.withLockedValue { held in
            defer { held = false }
            return held
        }
        if wasHeld { lane.leave() }
    }
}
