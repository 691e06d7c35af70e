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
            let lane = AdmissionLane(places: places, doorbell: LoopDoorbell(on: loop))
            lanes[ObjectIdentifier(loop)] = lane
            return lane
        }
    }

    /// Closes every lane's doorbell (at shutdown); places are then handed on at once.
    func close() {
        for lane in lanes.withLockedValue({ Array($0.values) }) { lane.doorbell?.close() }
    }
}

/// Closes the lanes' doorbells when the application stops.
struct AdmissionShutdown: LifecycleHandler {
    let lanes: AdmissionLanes

    func shutdown(_ application: Application) {
        lanes.close()
    }
}

/// A fixed number of places and a first-come, first-served queue for them.
///
/// With a ``LoopDoorbell``, a place freed while requests wait is promised to
/// the longest waiting and handed over when the loop next reads its sockets
/// (``LoopDoorbell`` says why); without one it is handed over at once.
final class AdmissionLane: Sendable {
    private struct State {
        var free: Int
        var queue: [CheckedContinuation<Void, Never>] = []
        /// The first still waiting in `queue`: taking from the front of an array is not free.
        var head = 0
        /// Places freed for the first `promised` waiters, handed over when the
        /// doorbell is answered; the bell is ringing exactly while this is above 0.
        var promised = 0

        var waiting: Int { queue.count - head }

        mutating func takeFirst() -> CheckedContinuation<Void, Never> {
            let first = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 256, head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return first
        }
    }

    private let state: NIOLockedValueBox<State>
    let doorbell: LoopDoorbell?

    init(places: Int, doorbell: LoopDoorbell? = nil) {
        state = NIOLockedValueBox(State(free: places))
        self.doorbell = doorbell
        doorbell?.onAnswer { [weak self] in self?.handOverPromised() }
    }

    /// Free places (promised ones not counted) and requests waiting, as they stand.
    var standing: (free: Int, waiting: Int) {
        state.withLockedValue { ($0.free, $0.waiting) }
    }

    /// Returns once the caller holds a place: at once if one is free, else
    /// after everyone who asked before it.
    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state -> Bool in
                // A free place means nobody is waiting: ``leave()`` gives places to waiters first.
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

    private enum Handing {
        case free
        case now(CheckedContinuation<Void, Never>)
        case promised(ring: Bool)
    }

    /// Gives the caller's place to the longest waiting not yet promised one, or frees it.
    func leave() {
        let handing = state.withLockedValue { state -> Handing in
            guard state.waiting > state.promised else {
                state.free += 1
                return .free
            }
            guard doorbell != nil else { return .now(state.takeFirst()) }
            state.promised += 1
            return .promised(ring: state.promised == 1)
        }
        switch handing {
        case .free, .promised(ring: false): break
        case .now(let next): next.resume()
        case .promised(ring: true): doorbell?.ring()
        }
    }

    /// The doorbell's answer: the promised places go to the waiters they were promised to.
    private func handOverPromised() {
        let admitted = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            defer { state.promised = 0 }
            return (0..<state.promised).map { _ in state.takeFirst() }
        }
        for next in admitted { next.resume() }
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
