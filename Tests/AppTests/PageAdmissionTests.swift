@testable import App
import Foundation
import NIOCore
import PropertyBased
import Testing
import Vapor

/// The admission queue in front of every request (``PageAdmission``): a fixed
/// number of places per event loop, handed on in the order requests asked,
/// and never held past the response or past the time limit.
@Suite(.timeLimit(.minutes(2)))
struct PageAdmissionTests {
    /// Waiters are let in strictly in the order they asked, and never more
    /// at once than the lane has places, for any number of places and waiters.
    /// With a doorbell, each freed place waits for the loop's next look at its sockets.
    @Test func placesGoInTheOrderAskedAndNeverExceedTheirNumber() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        await propertyCheck(count: 30, input: Gen.int(in: 1...4), Gen.int(in: 0...24), Gen.bool) { places, waiters, rung in
            let doorbell = rung ? LoopDoorbell(on: group.next()) : nil
            defer { doorbell?.close() }
            let lane = AdmissionLane(places: places, doorbell: doorbell)
            let log = AdmissionLog()
            // Those who find a place free go straight in.
            for _ in 0..<places { await lane.enter() }
            #expect(lane.standing.free == 0)
            // The rest queue, one at a time, so the order they asked in is known.
            var tasks: [Task<Void, Never>] = []
            for index in 0..<waiters {
                tasks.append(Task {
                    await lane.enter()
                    await log.admitted(index)
                })
                while lane.standing.waiting < index + 1 { await Task.yield() }
            }
            // act: hand the places on one at a time
            for handed in 0..<waiters {
                lane.leave()
                // A place that never arrives fails here; the stuck waiters are left, not awaited.
                guard await Self.eventually({ await log.order.count == handed + 1 }) else {
                    Issue.record("the place freed for waiter \(handed) never reached it")
                    return
                }
                // validate: nobody else got in, and the queue shrank by one
                #expect(lane.standing.waiting == waiters - handed - 1)
                #expect(lane.standing.free == 0)
            }
            for task in tasks { await task.value }
            // validate
            #expect(await log.order == Array(0..<waiters))
            for _ in 0..<places { lane.leave() }
            #expect(lane.standing.free == places && lane.standing.waiting == 0)
        }
        try await group.shutdownGracefully()
    }

    /// Places freed one after another while the doorbell rings are all
    /// handed over at its answer, in order, none twice and none lost; a
    /// closed doorbell (the server stopping) hands places over at once.
    @Test func placesFreedWhileTheDoorbellRingsAllGoToTheirWaitersInOrder() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let doorbell = LoopDoorbell(on: loop)
        let lane = AdmissionLane(places: 3, doorbell: doorbell)
        let log = AdmissionLog()
        for _ in 0..<3 { await lane.enter() }
        var tasks: [Task<Void, Never>] = []
        for index in 0..<5 {
            tasks.append(Task {
                await lane.enter()
                await log.admitted(index)
            })
            while lane.standing.waiting < index + 1 { await Task.yield() }
        }
        // act: three places freed in one go on the loop, so the bell is answered after all three
        try await loop.submit { for _ in 0..<3 { lane.leave() } }.get()
        guard await Self.eventually({ await log.order.count == 3 }) else {
            Issue.record("the doorbell was never answered")
            return
        }
        // validate
        #expect(await log.order == [0, 1, 2])
        #expect(lane.standing.waiting == 2 && lane.standing.free == 0)
        // act: the doorbell closes; the last two places go at once
        doorbell.close()
        lane.leave()
        lane.leave()
        for task in tasks { await task.value }
        #expect(await log.order == [0, 1, 2, 3, 4])
        for _ in 0..<3 { lane.leave() }
        #expect(lane.standing.free == 3 && lane.standing.waiting == 0)
        try await group.shutdownGracefully()
    }

    /// A request gives its place back when it ends, however it ends, and a
    /// place given back early (as ``AuditOnce`` does before the ledger wait)
    /// is not given back twice.
    @Test func aPlaceIsGivenBackOnceWhetherTheRequestSucceedsFailsOrLeavesEarly() async throws {
        let app = try await Application.make(.testing)
        do {
            let lanes = AdmissionLanes(places: 1)
            let admission = PageAdmission(lanes: lanes)
            let loop = app.eventLoopGroup.next()
            let lane = lanes.lane(for: loop)
            // act + validate: success, failure, early leave
            let ok = try await admission.respond(to: Self.request(app, on: loop), chainingTo: Respond { _ in Response(status: .ok) })
            #expect(ok.status == .ok && lane.standing.free == 1)
            await #expect(throws: Abort.self) {
                try await admission.respond(to: Self.request(app, on: loop), chainingTo: Respond { _ in throw Abort(.forbidden) })
            }
            #expect(lane.standing.free == 1)
            let early = try await admission.respond(to: Self.request(app, on: loop), chainingTo: Respond { request in
                request.leaveAdmission()
                #expect(lane.standing.free == 1, "given back as soon as the request said so")
                request.leaveAdmission()
                return Response(status: .ok)
            })
            #expect(early.status == .ok && lane.standing.free == 1, "given back once, not twice")
            lanes.close()
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A request still working after the time limit stops holding its place,
    /// so the one queued behind it goes in while it carries on. Without the
    /// limit this test would never end (the suite's time limit fails it).
    @Test func aLongRequestGivesUpItsPlaceAfterTheLimitAndCarriesOn() async throws {
        let app = try await Application.make(.testing)
        do {
            let lanes = AdmissionLanes(places: 1)
            let admission = PageAdmission(lanes: lanes, longest: .milliseconds(20))
            let loop = app.eventLoopGroup.next()
            let release = AsyncStream<Void>.makeStream()
            let started = AsyncStream<Void>.makeStream()
            let slow = Task {
                try await admission.respond(to: Self.request(app, on: loop), chainingTo: Respond { _ in
                    started.continuation.yield()
                    for await _ in release.stream { break }
                    return Response(status: .accepted)
                })
            }
            // Told from inside, not by watching the lane: on a loaded machine the
            // limit may already have given the place back before anyone looked.
            for await _ in started.stream { break }
            // act: a second request on the same loop, while the first still works
            let answered = AdmissionLog()
            let fast = Task {
                let response = try await admission.respond(to: Self.request(app, on: loop), chainingTo: Respond { _ in Response(status: .ok) })
                await answered.admitted(0)
                return response
            }
            // validate: a place that never comes fails here, the stuck requests left behind
            guard await Self.eventually({ await answered.order == [0] }) else {
                throw Abort(.gatewayTimeout, reason: "the request queued behind the long one never got its place")
            }
            #expect(try await fast.value.status == .ok)
            release.continuation.yield()
            #expect(try await slow.value.status == .accepted)
            #expect(lanes.lane(for: loop).standing.free == 1, "the slow request's place was given back once, not twice")
            lanes.close()
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Each event loop has a lane of its own, so a queue on one loop does not hold up the other.
    @Test func eachEventLoopHasItsOwnLane() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let lanes = AdmissionLanes(places: 1)
        let first = group.next(), second = group.next()
        #expect(lanes.lane(for: first) === lanes.lane(for: first))
        #expect(lanes.lane(for: first) !== lanes.lane(for: second))
        await lanes.lane(for: first).enter()
        #expect(lanes.lane(for: second).standing.free == 1)
        lanes.close()
        try await group.shutdownGracefully()
    }

    /// Whether `condition` holds within ten seconds: a place that never arrives fails the test rather than hanging it.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    static func request(_ app: Application, on loop: any EventLoop) -> Request {
        Request(application: app, method: .GET, url: "/panels", on: loop)
    }
}

private struct Respond: AsyncResponder {
    let body: @Sendable (Request) async throws -> Response

    init(_ body: @escaping @Sendable (Request) async throws -> Response) { self.body = body }

    func respond(to request: Request) async throws -> Response { try await body(request) }
}

private actor AdmissionLog {
    private(set) var order: [Int] = []

    func admitted(_ index: Int) { order.append(index) }
}
